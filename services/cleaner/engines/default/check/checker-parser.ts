// Which grammar parser the checker gets, by configuration: `auto` uses Link Grammar when its library
// loads and says why not otherwise (the checker then runs on rules alone, with the rules' own weights);
// `link-grammar` requires it (start-up fails with the reason); `off` never loads it.
import { MprError } from '../../../../../lib/errors.ts';
import { loadLinkGrammar, type GrammarParser } from './link-grammar.ts';

export const CHECKER_PARSER_MODES = ['auto', 'link-grammar', 'off'] as const;
export type CheckerParserMode = (typeof CHECKER_PARSER_MODES)[number];

export interface CheckerParser {
  parser: GrammarParser | undefined;
  /** What the checker runs on, for logs and reports: "rules + link-grammar-5.12.0", or rules and why. */
  description: string;
}

/** `library` overrides the shared library's name (tests use it to see a missing library handled). */
export function loadCheckerParser(mode: CheckerParserMode, library?: string, maxParseSeconds?: number): CheckerParser {
  if (mode === 'off') return { parser: undefined, description: 'rules only (checker parser off)' };
  const loaded = loadLinkGrammar({ ...(library ? { library } : {}), ...(maxParseSeconds ? { maxParseSeconds } : {}) });
  if ('parser' in loaded) return { parser: loaded.parser, description: `rules + ${loaded.parser.version}` };
  if (mode === 'link-grammar')
    throw new MprError(
      'unavailable',
      `the checker parser link-grammar is required but did not load: ${loaded.unavailable}`,
    );
  return { parser: undefined, description: `rules only (link-grammar unavailable: ${loaded.unavailable})` };
}
