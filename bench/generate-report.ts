// What bench/generate.ts prints and records: the side-by-side rates and ratios of one run, and the JFLEG
// replay's table, from the measurements the entry point collected.
import { cpus, loadavg } from 'node:os';
import type { monitorEventLoopDelay } from 'node:perf_hooks';
import { reportFigures } from '../eval/measurements.ts';
import { cpuPlainSteps, REPLAY_WAYS, type JflegReplay, type ReplayWay } from './generate-draft-replay.ts';
import type { HostWork } from './generate-host-work.ts';

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export type GenerateVariant =
  | 'ours'
  | 'specClean'
  | 'specOneEdit'
  | 'specUnrelated'
  | 'bare'
  | 'transformersJs'
  | 'c1'
  | 'c4'
  | 'c4SpecClean'
  | 'c16';

/** Forward passes and tokens of the plain and the drafted runs of the same prompt. */
export type PassCounts = Record<'plain' | 'clean' | 'oneEdit' | 'unrelated', { passes: number; tokens: number }>;

export interface GenerateRun {
  newTokens: number;
  rounds: number;
  /** Tokens per second of each variant, one entry per round. */
  rates: Record<GenerateVariant, number[]>;
  passes: PassCounts;
  /** The worst measured run's event loop delay under 16 concurrent requests, in ms. */
  lag: { max: number; p99: number };
  /** The same delay measured in an idle process for as long: what preemption alone costs. */
  idleLag: ReturnType<typeof monitorEventLoopDelay>;
  host: HostWork;
  hostGreedy: HostWork;
  jfleg: JflegReplay | null;
}

/**
 * One line per replay group: passes, fed positions and CPU compute (plain-step equivalents) per sentence,
 * plain / cpu policy / cuda policy / oracle; then the cuda policy against the cpu policy on all lines.
 */
export function describeJflegReplay(replay: JflegReplay): string[] {
  const titles = {
    all: 'all lines',
    even: 'even lines',
    odd: 'odd lines',
    unrelated: 'unrelated draft (source of line i+1)',
    unrelatedEven: 'unrelated draft, even lines',
    unrelatedOdd: 'unrelated draft, odd lines',
  } as const;
  const lines = (Object.keys(titles) as (keyof typeof titles)[]).map((group) => {
    const r = replay[group];
    const per = (n: number): number => round(n / r.sentences, 2);
    const row = (value: (way: ReplayWay) => number): string =>
      REPLAY_WAYS.map((way) => `${way} ${per(value(way))}`).join(', ');
    return (
      `JFLEG dev replay, ${titles[group]} (${r.sentences} pairs), per sentence: ` +
      `passes ${row((way) => r.passes[way])}; positions fed ${row((way) => r.fed[way])}; ` +
      `CPU cost in plain steps (0.89 + 0.11 n a pass) ${row((way) => cpuPlainSteps(r, way))}`
    );
  });
  const all = replay.all;
  const ratio = (a: number, b: number): number => round(a / b, 3);
  lines.push(
    `JFLEG dev replay, cuda policy / cpu policy (all lines): passes ${ratio(all.passes.cuda, all.passes.cpu)}x, ` +
      `positions fed ${ratio(all.fed.cuda, all.fed.cpu)}x, CPU cost ${ratio(cpuPlainSteps(all, 'cuda'), cpuPlainSteps(all, 'cpu'))}x ` +
      `(a GPU pays per pass: the cuda policy there; a CPU pays per position too: the cpu policy there)`,
  );
  return lines;
}

export async function reportGenerateRun(run: GenerateRun): Promise<void> {
  const { rates, passes, lag, idleLag, host, hostGreedy, jfleg } = run;
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
  const ratio = (a: GenerateVariant, b: GenerateVariant): number =>
    median(rates[a].map((x, i) => x / (rates[b][i] as number)));
  const perToken = (key: keyof typeof passes): number => passes[key].passes / passes[key].tokens;
  const perSentence = (n: number): number => (jfleg ? round(n / jfleg.all.sentences, 2) : 0);

  console.log(
    `model: tiny Llama hidden 256, 4 layers, 8 heads / 2 kv heads, vocab 32000, CPU, ${run.newTokens} new tokens, greedy; medians of ${run.rounds} interleaved rounds`,
  );
  console.log(`ours (batch 1)          ${round(median(rates.ours), 1)} tok/s (prefill included)`);
  console.log(`bare session.run loop   ${round(median(rates.bare), 1)} tok/s`);
  console.log(`transformers.js         ${round(median(rates.transformersJs), 1)} tok/s`);
  console.log(
    `speculative, draft = own output   ${round(median(rates.specClean), 1)} tok/s, ${round(perToken('clean'), 3)} forward passes per token ` +
      `(plain greedy: ${round(perToken('plain'), 3)}); speedup ${round(ratio('specClean', 'ours'), 2)}x`,
  );
  console.log(
    `speculative, one edit in the middle ${round(median(rates.specOneEdit), 1)} tok/s, ${round(perToken('oneEdit'), 3)} forward passes per token; ` +
      `speedup ${round(ratio('specOneEdit', 'ours'), 2)}x`,
  );
  console.log(
    `speculative, unrelated draft     ${round(median(rates.specUnrelated), 1)} tok/s, ${round(perToken('unrelated'), 3)} forward passes per token; ` +
      `speedup ${round(ratio('specUnrelated', 'ours'), 2)}x (the worst case)`,
  );
  console.log(
    `4 concurrent, each drafted with its own output ${round(median(rates.c4SpecClean), 1)} tok/s total; speedup over 4 concurrent plain ${round(ratio('c4SpecClean', 'c4'), 2)}x`,
  );
  for (const c of ['c1', 'c4', 'c16'] as const)
    console.log(`${c.slice(1).padStart(2)} concurrent requests   ${round(median(rates[c]), 1)} tok/s total`);
  console.log(
    `event loop delay during 16 concurrent (worst run): max ${round(lag.max, 2)} ms, p99 ${round(lag.p99, 2)} ms; ` +
      `idle process, same duration: max ${round(idleLag.max / 1e6, 2)} ms, p99 ${round(idleLag.percentile(99) / 1e6, 2)} ms; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(
    `128k vocab, batch 1: host work per token median ${round(host.medianMs, 3)} ms, mean ${round(host.meanMs, 3)} ms (${host.steps} steps); ` +
      `wall minus session.run ${round(host.wallGapMsPerToken, 3)} ms/token (adds thread hand-off); session.run ${round(host.runMsPerToken, 3)} ms/token`,
  );
  console.log(
    `128k vocab, graph with a greedy_token_ids output (argmax in the session, logits not fetched): host work per token median ${round(hostGreedy.medianMs, 3)} ms, mean ${round(hostGreedy.meanMs, 3)} ms`,
  );
  console.log(
    jfleg ? describeJflegReplay(jfleg).join('\n') : 'JFLEG dev replay skipped: no data at ../shared/data/jfleg',
  );
  await reportFigures(
    {
      name: 'generate',
      title: 'Text generation runtime',
      command: 'npm run bench:generate',
      summary:
        'Decode speed of the runtime against a bare session.run loop and transformers.js on the same tiny graph; batching, event-loop delay, host work per token at a 128k vocabulary, and draft (input-guided) decoding.',
      goals: [{ figure: 'ours_vs_bare', op: '>=', value: 0.9 }],
    },
    {
      ours_tok_s: round(median(rates.ours), 1),
      bare_tok_s: round(median(rates.bare), 1),
      transformersjs_tok_s: round(median(rates.transformersJs), 1),
      concurrent_tok_s: {
        1: round(median(rates.c1), 1),
        4: round(median(rates.c4), 1),
        16: round(median(rates.c16), 1),
      },
      event_loop_max_delay_ms: round(lag.max, 2),
      event_loop_p99_delay_ms: round(lag.p99, 2),
      idle_event_loop_p99_delay_ms: round(idleLag.percentile(99) / 1e6, 2),
      ours_vs_bare: round(ratio('ours', 'bare'), 3),
      ours_vs_transformersjs: round(ratio('ours', 'transformersJs'), 3),
      batch16_vs_sequential: round(ratio('c16', 'c1'), 3),
      host_ms_per_token_128k: round(host.medianMs, 4),
      host_ms_per_token_128k_mean: round(host.meanMs, 4),
      host_ms_per_token_128k_greedy_output: round(hostGreedy.medianMs, 4),
      wall_minus_run_ms_per_token_128k: round(host.wallGapMsPerToken, 4),
      speculative_clean_tok_s: round(median(rates.specClean), 1),
      speculative_one_edit_tok_s: round(median(rates.specOneEdit), 1),
      passes_per_token_plain: round(perToken('plain'), 4),
      passes_per_token_speculative_clean: round(perToken('clean'), 4),
      passes_per_token_speculative_one_edit: round(perToken('oneEdit'), 4),
      speculative_speedup_clean: round(ratio('specClean', 'ours'), 3),
      speculative_speedup_one_edit: round(ratio('specOneEdit', 'ours'), 3),
      speculative_speedup_unrelated: round(ratio('specUnrelated', 'ours'), 3),
      speculative_speedup_clean_4_concurrent: round(ratio('c4SpecClean', 'c4'), 3),
      jfleg_replay_passes_per_sentence: jfleg
        ? Object.fromEntries(REPLAY_WAYS.map((way) => [way, perSentence(jfleg.all.passes[way])]))
        : null,
      jfleg_replay_fed_per_sentence: jfleg
        ? Object.fromEntries(REPLAY_WAYS.map((way) => [way, perSentence(jfleg.all.fed[way])]))
        : null,
      jfleg_replay_cpu_plain_steps_per_sentence: jfleg
        ? Object.fromEntries(REPLAY_WAYS.map((way) => [way, perSentence(cpuPlainSteps(jfleg.all, way))]))
        : null,
      jfleg_replay_unrelated_per_sentence: jfleg
        ? Object.fromEntries(
            (['cpu', 'cuda'] as const).map((way) => [
              way,
              {
                passes: round(jfleg.unrelated.passes[way] / jfleg.unrelated.sentences, 2),
                fed: round(jfleg.unrelated.fed[way] / jfleg.unrelated.sentences, 2),
              },
            ]),
          )
        : null,
    },
  );
}
