// Forward passes per sentence on real edits, without a model: JFLEG dev replayed through DraftCursor as
// Sequence drives it, under each execution provider's draft policy, beside plain steps and an oracle.
import { loadJflegDev } from '../eval/jfleg-data.ts';
import { DRAFT_POLICY, DraftCursor, proposableDraft, type DraftPolicy } from '../models/src/generation/draft.ts';

/** How the replay decodes: plain steps, DraftCursor under each execution provider's policy, the LCS oracle. */
export const REPLAY_WAYS = ['plain', 'cpu', 'cuda', 'oracle'] as const;
export type ReplayWay = (typeof REPLAY_WAYS)[number];

export interface DraftReplay {
  sentences: number;
  passes: Record<ReplayWay, number>;
  fed: Record<ReplayWay, number>;
}

/** The JFLEG replay's groups: references with their own sources (all, even and odd line indices), and with an unrelated source. */
export interface JflegReplay {
  all: DraftReplay;
  even: DraftReplay;
  odd: DraftReplay;
  /** Reference of line i with the source of line i+1 as the draft: what a wrong draft costs (all, even and odd i). */
  unrelated: DraftReplay;
  unrelatedEven: DraftReplay;
  unrelatedOdd: DraftReplay;
}

/**
 * Compute on a CPU in plain-step equivalents: a pass of n positions costs about 0.89 + 0.11 n plain steps
 * (fitted on the bench model), so a total is linear in passes and fed positions.
 */
export function cpuPlainSteps(replay: DraftReplay, way: ReplayWay): number {
  return 0.89 * replay.passes[way] + 0.11 * replay.fed[way];
}

/** Passes and fed positions when greedy decoding yields `output` with `draft`, as Sequence drives DraftCursor. */
function replayDraft(output: number[], propose: (seen: number[]) => number[]): { passes: number; fed: number } {
  const seen = [output[0] as number];
  let passes = 1;
  let fed = 0;
  while (seen.length < output.length) {
    const proposal = propose(seen);
    passes++;
    fed += 1 + proposal.length;
    let accepted = 0;
    while (
      accepted < proposal.length &&
      seen.length + accepted < output.length &&
      proposal[accepted] === output[seen.length + accepted]
    )
      accepted++;
    seen.push(...output.slice(seen.length, seen.length + accepted + 1));
  }
  return { passes, fed };
}

/** Adds one (draft, output) pair's replay to `total`: plain steps, DraftCursor under each policy, and the oracle alignment. */
function replayPair(total: DraftReplay, draft: number[], output: number[]): void {
  const drafted = (policy: DraftPolicy): { passes: number; fed: number } => {
    const cursor = new DraftCursor(draft, policy);
    const observed: number[] = [];
    return replayDraft(output, (seen) => {
      for (const token of seen.slice(observed.length)) {
        observed.push(token);
        cursor.observe(token, observed);
      }
      return cursor.proposal(output.length);
    });
  };
  // lcs[a][b]: longest common subsequence of output[a..] and draft[b..]; aligned[a]: output[a]'s draft index.
  const lcs = Array.from({ length: output.length + 1 }, () => new Int32Array(draft.length + 1));
  for (let a = output.length - 1; a >= 0; a--) {
    for (let b = draft.length - 1; b >= 0; b--) {
      lcs[a]![b] = output[a] === draft[b] ? lcs[a + 1]![b + 1]! + 1 : Math.max(lcs[a + 1]![b]!, lcs[a]![b + 1]!);
    }
  }
  const aligned = new Int32Array(output.length).fill(-1);
  for (let a = 0, b = 0; a < output.length && b < draft.length; ) {
    if (output[a] === draft[b]) aligned[a++] = b++;
    else if (lcs[a + 1]![b]! >= lcs[a]![b + 1]!) a++;
    else b++;
  }
  const oracle = replayDraft(output, (seen) => {
    const at = aligned[seen.length] ?? -1;
    return at < 0 ? [] : draft.slice(at);
  });
  const ways: Record<ReplayWay, { passes: number; fed: number }> = {
    plain: { passes: output.length, fed: output.length },
    cpu: drafted(DRAFT_POLICY.cpu),
    cuda: drafted(DRAFT_POLICY.cuda),
    oracle,
  };
  total.sentences++;
  for (const way of REPLAY_WAYS) {
    total.passes[way] += ways[way].passes;
    total.fed[way] += ways[way].fed;
  }
}

/**
 * Real edits, which the tiny random model cannot show: forward passes per sentence if the model's greedy
 * output were each JFLEG dev reference and the draft its source (the text, then the end-of-turn token, as
 * jw2 drafts), replaying DraftCursor without a model. The oracle proposes from where a longest common
 * subsequence aligns the output with the draft: how far a better re-alignment could go (it knows the
 * future: a bound, not a target). Tune on even lines, check on odd ones. Null without the data.
 */
export function jflegDraftReplay(
  encodeAnswer: (text: string) => number[],
  stopTokenIds: readonly number[],
): JflegReplay | null {
  let data: ReturnType<typeof loadJflegDev>;
  try {
    data = loadJflegDev();
  } catch {
    return null;
  }
  const zero = (): Record<ReplayWay, number> => ({ plain: 0, cpu: 0, cuda: 0, oracle: 0 });
  const empty = (): DraftReplay => ({ sentences: 0, passes: zero(), fed: zero() });
  const replay: JflegReplay = {
    all: empty(),
    even: empty(),
    odd: empty(),
    unrelated: empty(),
    unrelatedEven: empty(),
    unrelatedOdd: empty(),
  };
  // As Sequence proposes them: without the end-of-turn token (see proposableDraft).
  const drafts = data.sources.map((source) => proposableDraft(encodeAnswer(source.trim()), stopTokenIds));
  data.sources.forEach((_, i) => {
    for (const references of data.references) {
      const output = encodeAnswer((references[i] ?? '').trim());
      const draft = drafts[i] as number[];
      replayPair(replay.all, draft, output);
      replayPair(i % 2 === 0 ? replay.even : replay.odd, draft, output);
      const unrelated = drafts[(i + 1) % drafts.length] as number[];
      replayPair(replay.unrelated, unrelated, output);
      replayPair(i % 2 === 0 ? replay.unrelatedEven : replay.unrelatedOdd, unrelated, output);
    }
  });
  return replay;
}
