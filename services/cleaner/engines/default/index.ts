// The embedded default cleaner engine of jw2 (rules + Hunspell dictionary, no model weights).
// `createDefaultCleanerEngine()` is cheap; the dictionary loads on first use, or call
// `await engine.warmup()` at start-up to load it before the first request.
import { DefaultCleanerEngine, type DefaultCleanerOptions } from './engine.ts';

export { DEFAULT_ENGINE_INFO, DefaultCleanerEngine } from './engine.ts';
export type { DefaultCleanerOptions } from './engine.ts';
export { DEFAULT_SUSPICION_THRESHOLD, PARSER_PROFILE, SIGNAL_WEIGHTS } from './check/suspicion.ts';
export { CHECKER_PARSER_MODES, loadCheckerParser } from './check/checker-parser.ts';
export { STRAINED_PARSE_COST_PER_WORD } from './check/grammar-signals.ts';
export type { CheckerParser, CheckerParserMode } from './check/checker-parser.ts';
export type { GrammarParse, GrammarParser } from './check/link-grammar.ts';
export { loadNgramModel, sharedNgramModel } from './check/ngram-model.ts';
export type { NgramModel, NgramModelLoad } from './check/ngram-model.ts';
export type { SignalName, SuspicionOptions } from './check/suspicion.ts';

export function createDefaultCleanerEngine(options: DefaultCleanerOptions = {}): DefaultCleanerEngine {
  return new DefaultCleanerEngine(options);
}
