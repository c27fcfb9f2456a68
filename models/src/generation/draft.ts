// Where a greedy output stands in a caller's draft (input-guided aggressive decoding, Sun et al. 2021:
// a grammar correction mostly copies its input, so the input is a draft of the output). While the output
// follows the draft, the draft's next tokens are proposed for one verifying forward pass. After the
// output leaves it (an edit), its last few tokens are looked up in the draft to re-align: first within
// NEAR_TOKENS of where the output was expected (a repeated or moved word matches its copy close by, not
// one a sentence on), then anywhere. A wrong proposal costs compute, never a pass or a token: the
// verifying pass still yields the model's own next token, and the decoder keeps only what the model
// itself would have chosen.
// Compute is not free, though: on a CPU a pass of n positions costs about 0.89 + 0.11 n plain steps (64
// positions: about 8), so a proposed token is worth its position only if it is likely to be taken. The
// width is an expected-value decision. One more proposed token costs the position's price and saves a
// pass (one plain step) if the model takes it and every token before it: it is proposed while the chance
// of that exceeds the price (DraftPolicy, per execution provider: 0.11 on a CPU; on a GPU a pass costs
// about the same at any width). The chance comes from what the output has shown so far: OUTPUT_KINDS says
// how often the next token follows the draft (first, after a token that followed, after one that left)
// when the output is the draft itself, an edited copy of it, or unrelated to it, and a posterior over the
// three is updated with every token. An edited copy that just left the draft is often back a token later,
// so a few tokens are proposed; an output that keeps leaving it soon looks unrelated, and gets nothing
// until it follows again (then one token, more as it keeps following). The priors are cautious on
// purpose: the largest share of related drafts (1 in 20, tuned on even lines) at which an unrelated draft
// still costs no more than plain decoding on a CPU. The price of that caution: after its first token a
// clean text is not yet told from an unrelated one that happens to start alike, so a CPU proposes 17
// tokens, then the rest (a text longer than that takes one verifying pass more than the one a GPU's price
// still affords). The rule is greedy (a taken token saves a whole pass only if the next pass would not
// have proposed it anyway): minimizing each pass's cost per output token instead reaches 23.2 plain steps
// on JFLEG, for 13 passes.
// JFLEG dev (reference as the output, source as the draft, the tiny model's tokenizer;
// `node bench/generate.ts --replay`), per sentence, with the CPU cost in plain-step equivalents:
//   plain steps:                           51.0 passes,  51 positions fed, 51.0 plain steps;
//   cpu policy (price 0.11):               12.0 passes, 131 positions fed, 25.1 plain steps;
//   cuda policy (price 0.01):              10.7 passes, 228 positions fed, 34.6 plain steps;
//   an LCS oracle that knows the future:    8.3 passes, 145 positions fed, 23.3 plain steps.
// Before (one or three misses forgiven at full width, then halving): cpu 11.6 passes, 212 fed, 33.7 plain
// steps; cuda 10.9, 258, 38.1. So on a CPU 25% less compute for 3% more passes; on a GPU 2% fewer passes.
// An unrelated sentence as the draft (source of line i+1) now costs a CPU 50.9 plain steps (cpu policy:
// 50.6 passes, 53 positions), no more than plain decoding's 51.0; before, 65.7 (29% more). Tuned on even
// lines (cpu 12.0 passes, 25.2 plain steps; unrelated 51.85 against plain 51.91), held out on odd ones
// (11.9 passes, 25.0 plain steps; unrelated 49.91 against 50.07).
import type { ExecutionProvider } from '../backend/onnx.ts';

/** Output tokens matched against the draft to re-align, at most. */
const ALIGN_TOKENS = 3;
/** Re-aligning looks this far either side of where the output was expected before looking anywhere. */
const NEAR_TOKENS = 3;

/** Where the output stands relative to the draft before its next token: at its start, or after a token that followed it or left it. */
type DraftState = 'first' | 'followed' | 'left';

/** How often the output's next token follows the draft in each state, and the share of outputs of this kind before any token. */
type OutputKind = Readonly<Record<DraftState, number>> & { readonly prior: number };

/**
 * What an output may be to its draft. Follow rates measured on JFLEG dev even lines with the tiny model's
 * tokenizer (the end-of-turn token left out): an edited copy is a reference against its source, unrelated
 * is a reference against the next line's source; a copy (15% of the references equal their source) never
 * leaves the draft. Priors: see above.
 */
const OUTPUT_KINDS: readonly OutputKind[] = Object.values({
  copy: { prior: 0.05 * 0.15, first: 1, followed: 1, left: 1 },
  edited: { prior: 0.05 * 0.85, first: 0.81, followed: 0.915, left: 0.366 },
  unrelated: { prior: 0.95, first: 0.097, followed: 0.27, left: 0.04 },
});

/** What one more position in a pass costs where the model runs, in plain steps (a pass of n positions: 1 - price + price n). */
export interface DraftPolicy {
  readonly positionPrice: number;
}

/** Per execution provider: measured on the bench model's CPU; a GPU pass costs about the same at any width (assumed 1% a position). */
export const DRAFT_POLICY: Readonly<Record<ExecutionProvider, DraftPolicy>> = {
  cpu: { positionPrice: 0.11 },
  cuda: { positionPrice: 0.01 },
};

/**
 * The draft a cursor proposes from: without its trailing stop tokens (jw2's end-of-turn). Proposing one
 * never saves a pass: a pass that takes every token before it yields it as its own next token anyway.
 */
export function proposableDraft(draft: readonly number[], stopTokenIds: readonly number[]): number[] {
  let end = draft.length;
  while (end > 0 && stopTokenIds.includes(draft[end - 1] as number)) end--;
  return draft.slice(0, end);
}

export class DraftCursor {
  private readonly draft: readonly number[];
  private readonly policy: DraftPolicy;
  /** Index of the draft token expected next, or null while the output is not aligned with the draft. */
  private cursor: number | null = 0;
  /** Where the output would be in the draft had an edit replaced like with like; re-aligning prefers places near it. */
  private expected = 0;
  private state: DraftState = 'first';
  /** Posterior of each of OUTPUT_KINDS given the output so far. */
  private belief: number[] = OUTPUT_KINDS.map((kind) => kind.prior);

  constructor(draft: readonly number[], policy: DraftPolicy) {
    this.draft = draft;
    this.policy = policy;
  }

  /** The draft tokens expected after the output so far, at most `limit`. */
  proposal(limit: number): number[] {
    if (this.cursor === null || limit <= 0) return [];
    const width = Math.min(limit, this.draft.length - this.cursor);
    // chance[k]: how likely, were the output of kind k, the model takes every token proposed so far and the next.
    const chance = OUTPUT_KINDS.map((kind) => kind[this.state]);
    let n = 0;
    while (
      n < width &&
      chance.reduce((sum, c, k) => sum + c * (this.belief[k] as number), 0) > this.policy.positionPrice
    ) {
      n++;
      OUTPUT_KINDS.forEach((kind, k) => {
        chance[k] = (chance[k] as number) * kind.followed;
      });
    }
    return this.draft.slice(this.cursor, this.cursor + n);
  }

  /** Records the output's newest token; `output` is the whole output, ending with it. */
  observe(token: number, output: readonly number[]): void {
    const at = this.cursor;
    const follows = at !== null && this.draft[at] === token;
    const likelihood = OUTPUT_KINDS.map(
      (kind, k) => (this.belief[k] as number) * (follows ? kind[this.state] : 1 - kind[this.state]),
    );
    const total = likelihood.reduce((sum, l) => sum + l, 0);
    this.belief = likelihood.map((l) => l / total);
    this.state = follows ? 'followed' : 'left';
    this.expected++;
    if (follows) {
      this.cursor = at + 1;
      this.expected = this.cursor;
      return;
    }
    // The model refused draft[at]. Inside a run of one token, every place in the run matches the
    // output's suffix, and re-aligning on one proposes the refused token again, pass after pass: guess
    // a substitution there. Elsewhere re-align on the output's suffix, else guess a substitution.
    // A wrong guess costs no pass: a verifying pass yields the model's next token anyway.
    const inRun = output.length >= 2 && output[output.length - 2] === token;
    const guess = at !== null && at + 1 < this.draft.length ? at + 1 : null;
    this.cursor = inRun && guess !== null ? guess : (this.realignNear(output) ?? this.realign(output) ?? guess);
    if (this.cursor !== null) this.expected = this.cursor;
  }

  /**
   * The draft index just after the longest (up to ALIGN_TOKENS) suffix of `output` found ending within
   * NEAR_TOKENS of where the output was expected; among equals the nearest, ahead before behind. Null
   * when not even the last token occurs there.
   */
  private realignNear(output: readonly number[]): number | null {
    let best: { end: number; length: number; distance: number } | null = null;
    for (
      let end = Math.max(1, this.expected - NEAR_TOKENS);
      end <= Math.min(this.draft.length, this.expected + NEAR_TOKENS);
      end++
    ) {
      let length = 0;
      while (
        length < Math.min(ALIGN_TOKENS, output.length, end) &&
        this.draft[end - 1 - length] === output[output.length - 1 - length]
      )
        length++;
      // Half a token more for a place behind: ties go ahead (the output moves forward through the draft).
      const distance = end >= this.expected ? end - this.expected : this.expected - end + 0.5;
      if (length > 0 && (best === null || length > best.length || (length === best.length && distance < best.distance)))
        best = { end, length, distance };
    }
    return best?.end ?? null;
  }

  /**
   * The draft index just after the longest (up to ALIGN_TOKENS) suffix of `output` found in the draft;
   * among equals the nearest at or after where the output was expected (the output moves forward
   * through the draft), else the nearest before. Null when not even the last token occurs.
   */
  private realign(output: readonly number[]): number | null {
    for (let length = Math.min(ALIGN_TOKENS, output.length); length >= 1; length--) {
      let behind: number | null = null;
      for (let end = length; end <= this.draft.length; end++) {
        let same = true;
        for (let i = 1; i <= length && same; i++) same = this.draft[end - i] === output[output.length - i];
        if (!same) continue;
        if (end >= this.expected) return end;
        behind = end;
      }
      if (behind !== null) return behind;
    }
    return null;
  }
}
