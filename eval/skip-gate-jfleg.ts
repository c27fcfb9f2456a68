// Prints the skip-gate's false-skip and clean-skip rates on JFLEG dev (all lines, the even half the
// checker was tuned on, and the held-out odd half): `node eval/skip-gate-jfleg.ts`.
import {
  createDefaultCleanerEngine,
  loadCheckerParser,
  sharedNgramModel,
  STRAINED_PARSE_COST_PER_WORD,
  type CheckerParserMode,
} from '../services/cleaner/engines/default/index.ts';
import {
  MEASURE_PARSE_SECONDS,
  measureSkipGate,
  type Checker,
  type JflegHalf,
  type SkipGateReport,
} from './skip-gate.ts';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

function reasons(counts: SkipGateReport['sourceReasons']): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${reason}=${count}`)
    .join(' ');
}

/** `strain`: the checker's parser strain (MPR_CLEANER_CHECKER_STRAIN), to print another operating point. */
export async function printSkipGateReports(mode: CheckerParserMode = 'auto', strain?: number): Promise<void> {
  const { parser, description } = loadCheckerParser(mode, undefined, MEASURE_PARSE_SECONDS);
  const engine = createDefaultCleanerEngine(
    parser ? { parser, ...(strain === undefined ? {} : { suspicion: { parserStrain: strain } }) } : {},
  );
  await engine.warmup();
  // The halves are subsets of all lines: each sentence is checked once, its verdict reused.
  const verdicts = new Map<string, Awaited<ReturnType<Checker>>>();
  const checker: Checker = async (text) =>
    verdicts.get(text) ?? verdicts.set(text, await engine.check(text)).get(text)!;
  console.log('Skip-gate on JFLEG dev (goals: false-skip <= 5%, clean-skip >= 60%)');
  const model = sharedNgramModel();
  console.log(`checker: ${description}${parser ? `, parser strain ${strain ?? STRAINED_PARSE_COST_PER_WORD}` : ''}`);
  console.log(`trigram model: ${'model' in model ? 'loaded (pocketsphinx-en-us)' : `none (${model.unavailable})`}`);
  for (const half of ['all', 'even', 'odd'] as JflegHalf[]) {
    const report = await measureSkipGate({ half, checker });
    const label = half === 'all' ? 'all lines' : half === 'even' ? 'even lines (tuning)' : 'odd lines (held out)';
    console.log(`\n${label}`);
    console.log(
      `  false-skip rate  ${percent(report.falseSkipRate).padStart(6)}  (${report.falseSkips} of ${report.errorfulSources} sources all references change)`,
    );
    console.log(
      `  clean-skip rate  ${percent(report.cleanSkipRate).padStart(6)}  (${report.cleanSkips} of ${report.referenceLines} reference lines)`,
    );
    console.log(`  sentence decisions, sources:    ${reasons(report.sourceReasons)}`);
    console.log(`  sentence decisions, references: ${reasons(report.referenceReasons)}`);
    if (half === 'all') {
      const ms = (value: number): string => `${value.toFixed(2)} ms`;
      console.log(
        `  time per check: mean ${ms(report.msPerCheck)}, p50 ${ms(report.p50MsPerCheck)}, p95 ${ms(report.p95MsPerCheck)} over ${report.checks} checks, one at a time (dictionary preloaded)`,
      );
    }
  }
  await parser?.close();
}

if (import.meta.main) await printSkipGateReports();
