// The per-sequence TokenConstraint: masks with the grammar's cached masks while the token budget is
// comfortable, and steers to the shortest closing when it is not, so that running out of tokens never
// leaves a truncated document.
import { MprError } from '../../../lib/errors.ts';
import type { LogitsMask, TokenConstraint } from '../generation/types.ts';
import { closingLength, isAccepting, isFinished, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import { fittingCount } from './json-grammar.ts';
import type { JsonGrammar } from './json-grammar.ts';
import { applyLogitsMask } from '../kernels/mask-apply.ts';
import type { MaskEntry } from './token-masks.ts';

export class JsonTokenConstraint implements TokenConstraint {
  readonly grammar: JsonGrammar;
  private state: AutomatonState;
  /**
   * A token sequence known to finish the document from the current state. Invariant: it fits in the
   * remaining budget, so at every step at least its first token is allowed.
   */
  private plan: number[] | null = null;
  private planAt = 0;
  private stopped = false;
  /** Steps that had to check tokens against the budget one by one. */
  steeredSteps = 0;

  constructor(grammar: JsonGrammar) {
    this.grammar = grammar;
    this.state = grammar.initial;
  }

  isComplete(): boolean {
    return this.stopped || isFinished(this.state);
  }

  /**
   * The text accepted so far is a whole document. A top-level number or literal is never "complete"
   * (another digit could follow): its document ends with a stop token, which the decode loop may keep
   * from `accept`, so callers ask this after decoding.
   */
  holdsDocument(): boolean {
    return this.isComplete() || isAccepting(this.state);
  }

  mask(logits: Float32Array, remainingTokens: number): void {
    applyLogitsMask(logits, this.nextMask(remainingTokens));
  }

  /** The step's mask from the automaton state and the budget alone (no logits needed, so it can run anywhere). */
  nextMask(remainingTokens: number): LogitsMask {
    const { trie } = this.grammar;
    if (this.isComplete())
      return trie.stopTokenIds.length > 0 ? { kind: 'only', ids: trie.stopTokenIds } : { kind: 'none' };
    const stops = isAccepting(this.state) ? trie.stopTokenIds : [];
    const entry = this.grammar.maskFor(this.state);
    // With every byte a token, any state whose closing is at most `after` bytes can finish in `after` tokens.
    const after = remainingTokens - 1;
    if (trie.hasAllBytes && closingLength(this.state) + entry.maxGrowth <= after) {
      return { kind: 'list', list: entry, size: trie.size, keep: stops, drop: [] };
    }
    this.steeredSteps++;
    return this.steer(entry, after, stops);
  }

  /**
   * Budget-aware mask. Tokens that leave the closing unchanged need the current closing to fit in
   * `after` tokens; each closing-shifting token needs its own new closing to fit (costs cached by the
   * grammar); the next token of the known closing plan always stays allowed.
   */
  private steer(entry: MaskEntry, after: number, stops: readonly number[]): LogitsMask {
    const { grammar } = this;
    const plan = this.currentPlan();
    const planned = plan && this.planAt < plan.length ? plan[this.planAt]! : -1;
    const byCost = grammar.shiftingCosts(this.state, entry);
    const fitting = fittingCount(byCost, after);
    if ((grammar.closingPlan(this.state)?.length ?? Infinity) <= after) {
      const dropped = byCost.ids.slice(fitting);
      const at = planned >= 0 ? dropped.indexOf(planned) : -1;
      if (at >= 0) dropped.splice(at, 1);
      return { kind: 'list', list: entry, size: grammar.trie.size, keep: stops, drop: dropped };
    }
    const kept = byCost.ids.slice(0, fitting);
    if (planned >= 0 && !kept.includes(planned)) kept.push(planned);
    return { kind: 'only', ids: [...kept, ...stops] };
  }

  private currentPlan(): number[] | null {
    if (!this.plan) {
      this.plan = this.grammar.closingPlan(this.state);
      this.planAt = 0;
    }
    return this.plan;
  }

  accept(tokenId: number): void {
    const { trie } = this.grammar;
    if (this.isComplete())
      throw new MprError('invalid_argument', `token ${tokenId} after the JSON document is complete`);
    if (trie.stopTokenIds.includes(tokenId)) {
      if (!isAccepting(this.state))
        throw new MprError('invalid_argument', 'stop token before the JSON document is complete');
      this.stopped = true;
      return;
    }
    const bytes = trie.tokenBytes[tokenId];
    const next = bytes ? stepBytes(this.state, bytes) : [];
    if (next.length === 0)
      throw new MprError('invalid_argument', `token ${tokenId} is not allowed here by the JSON constraint`);
    if (this.plan && this.plan[this.planAt] === tokenId) this.planAt++;
    else this.plan = null;
    this.state = next;
  }
}
