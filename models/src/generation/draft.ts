// Where a greedy output stands in a caller's draft (input-guided aggressive decoding, Sun et al. 2021:
// a grammar correction mostly copies its input, so the input is a draft of the output). While the output
// follows the draft, the draft's next tokens are proposed for one verifying forward pass. After the
// output leaves it (an edit), its last few tokens are looked up in the draft to re-align: first within
// NEAR_TOKENS of where the output was expected (a repeated or moved word matches its copy close by, not
// one a sentence on), then anywhere. A wrong proposal costs compute, never a pass or a
// token: the verifying pass still yields the model's own next token, and the decoder keeps only what the
// model itself would have chosen.
// Compute is not free, though. While the output keeps leaving the draft (a rewrite, a preamble, an
// unrelated draft), proposals narrow: each miss in a row after the forgiven ones halves the width, down to
// plain steps, and a token that follows the draft again restores it. How many misses are forgiven is a
// DraftPolicy, chosen by what a pass costs on the execution provider. An edited word is often 2-3 BPE
// tokens, all misses; forgiving three once the output is trusted (TRUSTED_FOLLOWED tokens followed, at
// least half of it) keeps the full width through the word, which saves passes but feeds more positions.
// On a CPU a pass of n positions costs about 0.89 + 0.11 n plain steps (64 positions: about 8), so fed
// positions are paid for; on a GPU a pass costs about the same at any width, so only passes count.
// JFLEG dev (reference as the output, source as the draft, the tiny model's tokenizer;
// `node bench/generate.ts --replay`), per sentence, with the CPU cost in plain-step equivalents:
//   plain steps:                                 51.0 passes,  51 positions fed, 51.0 plain steps;
//   cpu policy (one forgiven miss):              11.61 passes, 212 positions fed, 33.7 plain steps;
//   cuda policy (three once trusted, else one):  10.94 passes, 258 positions fed, 38.1 plain steps;
//   an LCS oracle that knows the future:          8.27 passes, 149 positions fed, 23.7 plain steps.
// The cuda policy takes 5.8% fewer passes for 21% more positions: on a CPU 13% more compute, on a GPU
// the fewer passes are the win. An unrelated sentence as the draft (source of line i+1) takes 50.2
// passes under either policy (plain 51.0) and feeds 192 positions: on a CPU about 65.7 plain steps, 29%
// more than plain decoding. Tuned on even lines, held out on odd ones (cpu 11.58 and 11.64 passes, cuda
// 10.94 and 10.93).
import type { ExecutionProvider } from '../backend/onnx.ts';

/** Output tokens matched against the draft to re-align, at most. */
const ALIGN_TOKENS = 3;
/** Re-aligning looks this far either side of where the output was expected before looking anywhere. */
const NEAR_TOKENS = 3;
/** Tokens that followed the draft before an output is trusted to be an edited copy of it. */
const TRUSTED_FOLLOWED = 4;

/** Misses in a row proposed at full width: for an output that mostly follows the draft, and otherwise. */
export interface DraftPolicy {
  readonly trustedMisses: number;
  readonly untrustedMisses: number;
}

/** Per execution provider: fewer passes where width is free (cuda), less compute where it is paid for (cpu); see above. */
export const DRAFT_POLICY: Readonly<Record<ExecutionProvider, DraftPolicy>> = {
  cpu: { trustedMisses: 1, untrustedMisses: 1 },
  cuda: { trustedMisses: 3, untrustedMisses: 1 },
};

export class DraftCursor {
  private readonly draft: readonly number[];
  private readonly policy: DraftPolicy;
  /** Index of the draft token expected next, or null while the output is not aligned with the draft. */
  private cursor: number | null = 0;
  /** Where the output would be in the draft had an edit replaced like with like; re-aligning prefers places near it. */
  private expected = 0;
  /** Output tokens in a row that left the draft (see the width of proposals above). */
  private misses = 0;
  /** Output tokens observed, and how many of them followed the draft. */
  private observed = 0;
  private followed = 0;

  constructor(draft: readonly number[], policy: DraftPolicy) {
    this.draft = draft;
    this.policy = policy;
  }

  /** The draft tokens expected after the output so far, at most `limit`. */
  proposal(limit: number): number[] {
    if (this.cursor === null || limit <= 0) return [];
    const trusted = this.followed >= TRUSTED_FOLLOWED && 2 * this.followed >= this.observed;
    const forgiven = trusted ? this.policy.trustedMisses : this.policy.untrustedMisses;
    const width = Math.min(limit, this.draft.length - this.cursor);
    return this.draft.slice(this.cursor, this.cursor + Math.floor(width / 2 ** Math.max(0, this.misses - forgiven)));
  }

  /** Records the output's newest token; `output` is the whole output, ending with it. */
  observe(token: number, output: readonly number[]): void {
    const at = this.cursor;
    this.expected++;
    this.observed++;
    if (at !== null && this.draft[at] === token) {
      this.followed++;
      this.misses = 0;
      this.cursor = at + 1;
      this.expected = this.cursor;
      return;
    }
    // The model refused draft[at]. Inside a run of one token, every place in the run matches the
    // output's suffix, and re-aligning on one proposes the refused token again, pass after pass: guess
    // a substitution there. Elsewhere re-align on the output's suffix, else guess a substitution.
    // A wrong guess costs no pass: a verifying pass yields the model's next token anyway.
    this.misses++;
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
    for (let end = Math.max(1, this.expected - NEAR_TOKENS); end <= Math.min(this.draft.length, this.expected + NEAR_TOKENS); end++) {
      let length = 0;
      while (length < Math.min(ALIGN_TOKENS, output.length, end) && this.draft[end - 1 - length] === output[output.length - 1 - length]) length++;
      // Half a token more for a place behind: ties go ahead (the output moves forward through the draft).
      const distance = end >= this.expected ? end - this.expected : this.expected - end + 0.5;
      if (length > 0 && (best === null || length > best.length || (length === best.length && distance < best.distance))) best = { end, length, distance };
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
