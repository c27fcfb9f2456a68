// Where a greedy output stands in a caller's draft (input-guided aggressive decoding, Sun et al. 2021:
// a grammar correction mostly copies its input, so the input is a draft of the output). While the output
// follows the draft, the draft's next tokens are proposed for one verifying forward pass. After the
// output leaves it (an edit), its last few tokens are looked up in the draft to re-align. A wrong
// proposal costs compute, never a pass or a token: the verifying pass still yields the model's own next
// token, and the decoder keeps only what the model itself would have chosen.
// Compute is not free, though: on a CPU a pass over 64 positions costs about 8 plain steps. While the
// output keeps leaving the draft (a rewrite, a preamble, an unrelated draft), proposals narrow: the first
// miss after an edit still proposes the whole rest (one edit is the common case, and the re-aligned draft
// is then usually right), each further miss in a row halves the width, down to plain steps, and a token
// that follows the draft again restores it. On JFLEG dev (reference as the output, source as the draft,
// the tiny model's tokenizer) this costs 11% more passes (11.7 against 10.5 per sentence; plain: 51)
// and feeds 30% fewer positions; with an unrelated sentence as the draft, it feeds 4x fewer.

/** Output tokens matched against the draft to re-align, at most. */
const ALIGN_TOKENS = 3;

export class DraftCursor {
  private readonly draft: readonly number[];
  /** Index of the draft token expected next, or null while the output is not aligned with the draft. */
  private cursor: number | null = 0;
  /** Where the output would be in the draft had an edit replaced like with like; re-aligning prefers places at or after it. */
  private expected = 0;
  /** Output tokens in a row that left the draft (see the width of proposals above). */
  private misses = 0;

  constructor(draft: readonly number[]) {
    this.draft = draft;
  }

  /** The draft tokens expected after the output so far, at most `limit`. */
  proposal(limit: number): number[] {
    if (this.cursor === null || limit <= 0) return [];
    const width = Math.min(limit, this.draft.length - this.cursor);
    return this.draft.slice(this.cursor, this.cursor + Math.floor(width / 2 ** Math.max(0, this.misses - 1)));
  }

  /** Records the output's newest token; `output` is the whole output, ending with it. */
  observe(token: number, output: readonly number[]): void {
    const at = this.cursor;
    this.expected++;
    if (at !== null && this.draft[at] === token) {
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
    this.cursor = inRun && guess !== null ? guess : (this.realign(output) ?? guess);
    if (this.cursor !== null) this.expected = this.cursor;
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
