// The embedded default cleaner engine of jw2 (rules + Hunspell dictionary, no model weights).
// `createDefaultCleanerEngine()` is cheap; the dictionary loads on first use, or call
// `await engine.warmup()` at start-up to load it before the first request.
import { DefaultCleanerEngine, type DefaultCleanerOptions } from './engine.ts';

export { DEFAULT_ENGINE_INFO, DefaultCleanerEngine } from './engine.ts';
export type { DefaultCleanerOptions } from './engine.ts';
export { DEFAULT_SUSPICION_THRESHOLD, PARSER_PROFILE, SIGNAL_WEIGHTS } from './suspicion.ts';
export { CHECKER_PARSER_MODES, loadCheckerParser } from './checker-parser.ts';
export { STRAINED_PARSE_COST_PER_WORD } from './grammar-signals.ts';
export type { CheckerParser, CheckerParserMode } from './checker-parser.ts';
export type { GrammarParse, GrammarParser } from './link-grammar.ts';
export { loadNgramModel, sharedNgramModel } from './ngram-model.ts';
export type { NgramModel, NgramModelLoad } from './ngram-model.ts';
export type { SignalName, SuspicionOptions } from './suspicion.ts';

export function createDefaultCleanerEngine(options: DefaultCleanerOptions = {}): DefaultCleanerEngine {
  return new DefaultCleanerEngine(options);
}
