// Measures the skip-gate on JFLEG dev with the real gate functions and a real cheap checker:
// - false-skip rate: share of source sentences that all four references change but the gate skips;
// - clean-skip rate: share of reference sentences (already corrected text, used as inputs) it skips.
// Texts are gated as jw1 gates them: split into sentences, each sentence through the gate's stages,
// the checker asked only when they reach its verdict (no result cache). A line counts as skipped when
// every one of its sentences is skipped, i.e. the cleaner model never sees any of it.
import { checkVerdict } from '../services/cleaner/check-verdict.ts';
import type { CheckResult } from '../services/cleaner/engine.ts';
import {
  createDefaultCleanerEngine,
  loadCheckerParser,
  type CheckerParserMode,
  type GrammarParser,
} from '../services/cleaner/engines/default/index.ts';
import {
  DEFAULT_SKIP_GATE_CONFIG,
  openSkipGate,
  type SkipDecision,
  type SkipGateConfig,
} from '../orchestrator/gate/index.ts';
import { splitSentences } from '../orchestrator/sentences/index.ts';
import { mapSettledBounded } from '../lib/concurrency.ts';
import { JFLEG_DIR, loadJflegDev } from './jfleg-data.ts';
import { detokenize, tokenize } from './ptb-tokenize.ts';

export type Checker = (text: string) => Promise<Pick<CheckResult, 'language' | 'languageSupported' | 'needsCleaning'>>;

/** Which lines of dev to measure: all, even 0-based indices (where thresholds were tuned) or odd. */
export type JflegHalf = 'all' | 'even' | 'odd';

export interface SkipGateOptions {
  /** Folder with dev.src and dev.ref0..3; defaults to ../shared/data/jfleg. */
  dir?: string;
  half?: JflegHalf;
  config?: SkipGateConfig;
  /** The cheap checker behind jw2's Check RPC; defaults to the embedded default engine's check(). */
  checker?: Checker;
  /** Parser for the default checker (ignored with `checker`): auto uses Link Grammar when it loads. */
  parser?: CheckerParserMode;
  /**
   * Lines gated at once (default 1). Above 1 the parses overlap on their threads, which is quicker, and
   * the time per check then includes waiting for a parser thread.
   */
  concurrency?: number;
}

export type GateOutcome = SkipDecision['reason'];

export interface SkipGateReport {
  half: JflegHalf;
  /** What the checker ran on, e.g. "rules + link-grammar-5.12.0". */
  checker: string;
  /** Source lines that all four references change. */
  errorfulSources: number;
  falseSkips: number;
  falseSkipRate: number;
  referenceLines: number;
  cleanSkips: number;
  cleanSkipRate: number;
  /** Decisions per sentence (not per line), by reason. */
  sourceReasons: Partial<Record<GateOutcome, number>>;
  referenceReasons: Partial<Record<GateOutcome, number>>;
  checks: number;
  msPerCheck: number;
  /** Median and 95th percentile of one check's time (checks that parse are the slow ones). */
  p50MsPerCheck: number;
  p95MsPerCheck: number;
}

/** Whitespace and tokenization do not count as a change: "morning , except" == "morning, except". */
function canonical(tokenized: string): string {
  return tokenize(detokenize(tokenized));
}

interface Tally {
  reasons: Partial<Record<GateOutcome, number>>;
  checks: number;
  checkMs: number;
  times: number[];
}

/** Gates a text as the pipeline does; true when every sentence is skipped. */
async function gateText(text: string, checker: Checker, config: SkipGateConfig, tally: Tally): Promise<boolean> {
  const sentences = splitSentences(text);
  let skippedAll = true;
  for (const { text: sentence } of sentences.length > 0 ? sentences : [{ text }]) {
    // No result cache here: the gate runs its local stages, then waits for the checker's verdict.
    const gate = openSkipGate(sentence, config);
    let decision = gate.advance();
    if (decision === undefined) {
      const started = performance.now();
      const check = await checker(sentence);
      const elapsed = performance.now() - started;
      tally.checkMs += elapsed;
      tally.times.push(elapsed);
      tally.checks++;
      // jw2's own rule turns the check into the gate's verdict, as in a Clean call with check_first.
      decision = gate.finish({ verdict: () => checkVerdict(check) });
    }
    tally.reasons[decision.reason] = (tally.reasons[decision.reason] ?? 0) + 1;
    if (!decision.skip) skippedAll = false;
  }
  return skippedAll;
}

/**
 * The parser's own timer during a measurement (a served checker keeps 1 s): a parse that runs out of time
 * is sent to the model, so on a loaded test machine a 1 s timer would let the load, not the checker,
 * decide a few sentences and make the figures drift between runs.
 */
export const MEASURE_PARSE_SECONDS = 10;

export async function measureSkipGate(options: SkipGateOptions = {}): Promise<SkipGateReport> {
  const half = options.half ?? 'all';
  const config = options.config ?? DEFAULT_SKIP_GATE_CONFIG;
  let checker = options.checker;
  let description = 'the given checker';
  let parser: GrammarParser | undefined;
  if (checker === undefined) {
    const loaded = loadCheckerParser(options.parser ?? 'auto', undefined, MEASURE_PARSE_SECONDS);
    ({ parser, description } = loaded);
    const engine = createDefaultCleanerEngine(parser ? { parser } : {});
    await engine.warmup();
    checker = (text) => engine.check(text);
  }
  try {
    return await measureWith(checker, description, half, config, options.dir ?? JFLEG_DIR, options.concurrency ?? 1);
  } finally {
    await parser?.close();
  }
}

async function measureWith(
  checker: Checker,
  description: string,
  half: JflegHalf,
  config: SkipGateConfig,
  dir: string,
  concurrency: number,
): Promise<SkipGateReport> {
  const dev = loadJflegDev(dir);
  const source: Tally = { reasons: {}, checks: 0, checkMs: 0, times: [] };
  const reference: Tally = { reasons: {}, checks: 0, checkMs: 0, times: [] };
  let errorfulSources = 0;
  let falseSkips = 0;
  let referenceLines = 0;
  let cleanSkips = 0;
  const lines = [...dev.sources.entries()].filter(([i]) => half === 'all' || i % 2 === (half === 'even' ? 0 : 1));
  const settled = await mapSettledBounded(lines, concurrency, async ([i, src]) => {
    const refs = dev.references.map((lines) => lines[i] ?? '');
    const original = canonical(src);
    const errorful = refs.every((ref) => canonical(ref) !== original);
    const skipped = await gateText(detokenize(src), checker, config, source);
    if (errorful) {
      errorfulSources++;
      if (skipped) falseSkips++;
    }
    for (const ref of refs) {
      referenceLines++;
      if (await gateText(detokenize(ref), checker, config, reference)) cleanSkips++;
    }
  });
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  const checks = source.checks + reference.checks;
  const times = [...source.times, ...reference.times].sort((a, b) => a - b);
  const percentile = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return {
    half,
    checker: description,
    errorfulSources,
    falseSkips,
    falseSkipRate: errorfulSources === 0 ? 0 : falseSkips / errorfulSources,
    referenceLines,
    cleanSkips,
    cleanSkipRate: referenceLines === 0 ? 0 : cleanSkips / referenceLines,
    sourceReasons: source.reasons,
    referenceReasons: reference.reasons,
    checks,
    msPerCheck: checks === 0 ? 0 : (source.checkMs + reference.checkMs) / checks,
    p50MsPerCheck: percentile(0.5),
    p95MsPerCheck: percentile(0.95),
  };
}
