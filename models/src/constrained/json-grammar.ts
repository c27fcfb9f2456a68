// One compiled schema bound to one vocabulary: the automaton's start, the per-state mask cache shared
// by every sequence decoding with it, and the shortest-closing token plans the budget steers with.
import { MprError } from '../../../lib/errors.ts';
import type { TokenVocabulary } from '../generation/types.ts';
import { closingLength, closingText, initialState, stateMaskKey, stepByte, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import type { CompiledSchema } from './schema-compiler.ts';
import { binaryToText } from './schema-ir.ts';
import { deref } from './schema-ir.ts';
import type { SchemaNode } from './schema-ir.ts';
import { minDocOf } from './shortest-document.ts';
import { computeMask, MaskWalk } from './token-masks.ts';
import type { MaskEntry } from './token-masks.ts';
import { stringContentMask } from './string-masks.ts';
import { shortestTokenization, vocabularyTrie } from './vocabulary-trie.ts';
import { valueProbes } from './warm-probes.ts';
import type { VocabularyTrie } from './vocabulary-trie.ts';

const MAX_CACHED_MASKS = 4096;
/** Bytes of the fully-populated example document warmed at compile time. */
const FULL_DOCUMENT_BYTES = 4096;
const MAX_CACHED_PLANS = 8192;
const MAX_CACHED_SHIFT_COSTS = 512;

/**
 * A state's closing-shifting tokens ordered by the fewest tokens of the closing after each (those the
 * vocabulary cannot close after last): the ones that fit a budget are a prefix, found by binary search,
 * so a steered step slices instead of testing every shifting token.
 */
export interface ShiftingByCost {
  readonly ids: readonly number[];
  /** Ascending; a token the vocabulary cannot close after counts as Infinity. */
  readonly costs: Float64Array;
}

/** How many of `byCost` fit in `budget` tokens. */
export function fittingCount(byCost: ShiftingByCost, budget: number): number {
  let low = 0;
  let high = byCost.costs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byCost.costs[middle]! <= budget) low = middle + 1;
    else high = middle;
  }
  return low;
}
/** Trie edges walked per slice while warming, between which the event loop runs decode steps. */
const WARM_SLICE = 20_000;
/** Shifting tokens costed per slice while warming (a closing plan each, up to ~10 us). */
const WARM_COST_SLICE = 128;
/**
 * States whose closing (plus a token's growth) is at most this many bytes are steered only in the last
 * few steps of a budget: their shifting costs are left to the decode path rather than paid for at warm-up.
 */
const STEERED_CLOSING = 32;

export class JsonGrammar {
  readonly compiled: CompiledSchema;
  readonly trie: VocabularyTrie;
  readonly initial: AutomatonState;
  /** Longest token in bytes: counts beyond it cannot change a mask, so mask keys clamp there. */
  readonly clamp: number;
  /** Fewest tokens of the shortest document (Infinity if the vocabulary cannot spell it). */
  readonly shortestDocumentTokens: number;
  private readonly masks = new Map<string, MaskEntry>();
  private readonly plans = new Map<string, number[] | null>();
  private readonly shiftCosts = new Map<string, ShiftingByCost>();
  /** Masks computed while decoding, not by `warm`: each one is a trie walk on the decode path. */
  maskMisses = 0;
  /** Cost-ordered shifting lists computed while decoding (a closing plan per shifting token each). */
  shiftingMisses = 0;

  constructor(compiled: CompiledSchema, vocabulary: TokenVocabulary) {
    this.compiled = compiled;
    this.trie = vocabularyTrie(vocabulary);
    this.clamp = this.trie.maxTokenBytes;
    this.initial = initialState(compiled.root);
    this.shortestDocumentTokens = this.planFor(compiled.shortestDocument)?.length ?? Infinity;
  }

  get shortestDocument(): string {
    return binaryToText(this.compiled.shortestDocument);
  }

  /** Refuses, before decoding, a budget that cannot hold even the shortest valid document. */
  assertFits(maxNewTokens: number): void {
    if (this.shortestDocumentTokens > maxNewTokens) {
      const needed = Number.isFinite(this.shortestDocumentTokens)
        ? `${this.shortestDocumentTokens} tokens`
        : 'tokens this vocabulary lacks';
      throw new MprError(
        'invalid_argument',
        `max_new_tokens ${maxNewTokens} cannot hold the shortest document valid for the schema (${needed}: ${this.shortestDocument})`,
      );
    }
  }

  maskFor(state: AutomatonState): MaskEntry {
    const key = stateMaskKey(state, this.clamp);
    let entry = this.masks.get(key);
    if (!entry) {
      this.maskMisses++;
      entry = stringContentMask(this.trie, state) ?? computeMask(this.trie, state);
      this.remember(key, entry);
    }
    return entry;
  }

  /**
   * The closing-shifting tokens of the state's mask by the fewest tokens of the closing after each. It
   * does not depend on the budget, and states with the same mask key and the same closing share it, so
   * a string being written computes it once.
   */
  shiftingCosts(state: AutomatonState, entry: MaskEntry): ShiftingByCost {
    const key = shiftingKey(state, this.clamp);
    let byCost = this.shiftCosts.get(key);
    if (!byCost) {
      this.shiftingMisses++;
      const costs = new Float64Array(entry.shifting.length);
      for (let i = 0; i < costs.length; i++) costs[i] = this.shiftingCost(state, entry.shifting[i]!);
      byCost = this.rememberShifting(key, entry, costs);
    }
    return byCost;
  }

  /** Fewest tokens of the closing after `id` (Infinity when the vocabulary cannot spell it). */
  private shiftingCost(state: AutomatonState, id: number): number {
    const next = stepBytes(state, this.trie.tokenBytes[id]!);
    return (next.length > 0 ? this.closingPlan(next)?.length : undefined) ?? Infinity;
  }

  private rememberShifting(key: string, entry: MaskEntry, costs: Float64Array): ShiftingByCost {
    const order = Array.from(costs, (_, i) => i).sort((a, b) => costs[a]! - costs[b]!);
    const byCost = { ids: order.map((i) => entry.shifting[i]!), costs: Float64Array.from(order, (i) => costs[i]!) };
    if (this.shiftCosts.size >= MAX_CACHED_SHIFT_COSTS) this.shiftCosts.delete(this.shiftCosts.keys().next().value!);
    this.shiftCosts.set(key, byCost);
    return byCost;
  }

  /** Fewest tokens spelling the shortest closing of `state` (memoised by closing text). */
  closingPlan(state: AutomatonState): number[] | null {
    return this.planFor(closingText(state));
  }

  private planFor(text: string): number[] | null {
    let plan = this.plans.get(text);
    if (plan === undefined) {
      plan = shortestTokenization(this.trie, text);
      if (this.plans.size >= MAX_CACHED_PLANS) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(text, plan);
    }
    return plan;
  }

  private remember(key: string, entry: MaskEntry): void {
    if (this.masks.size >= MAX_CACHED_MASKS) this.masks.delete(this.masks.keys().next().value!);
    this.masks.set(key, entry);
  }

  /**
   * Precomputes the masks of the states along two example documents (the shortest one and one with
   * every property present) and the states inside their values (warm-probes.ts), in slices
   * separated by setImmediate so decoding requests keep running. The states with long closings also get
   * their steering costs (short closings steer only at the very end of a budget).
   */
  async warm(): Promise<void> {
    for (const text of [this.compiled.shortestDocument, fullDocument(this.compiled.root)]) {
      let state = this.initial;
      for (let i = 0; i <= text.length && state.length > 0; i++) {
        await this.warmState(state);
        // Values in the examples are minimal; the states inside values are warmed from where they start.
        for (const probe of valueProbes(state, this.clamp)) {
          let inside = state;
          for (const byte of probe) {
            inside = stepByte(inside, byte);
            if (inside.length === 0) break;
            await this.warmState(inside);
          }
        }
        if (i < text.length) state = stepByte(state, text.charCodeAt(i));
      }
    }
  }

  /**
   * The state's mask, then its cost-ordered shifting tokens: a steered step (a budget close to the
   * closing) needs both, and working out the costs of a string's closing quote tokens took 1-9 ms per
   * state on the decode path. Both are sliced so decoding requests keep running.
   */
  private async warmState(state: AutomatonState): Promise<void> {
    const key = stateMaskKey(state, this.clamp);
    let entry = this.masks.get(key);
    entry ??= stringContentMask(this.trie, state) ?? undefined;
    if (entry && !this.masks.has(key)) this.remember(key, entry);
    if (!entry) {
      const walk = new MaskWalk(this.trie, state);
      while (!walk.run(WARM_SLICE)) await yieldToLoop();
      entry = walk.result();
      this.remember(key, entry);
      await yieldToLoop();
    }
    const byCostKey = shiftingKey(state, this.clamp);
    if (
      closingLength(state) + entry.maxGrowth <= STEERED_CLOSING ||
      entry.shifting.length === 0 ||
      this.shiftCosts.has(byCostKey)
    )
      return;
    const costs = new Float64Array(entry.shifting.length);
    for (let i = 0; i < costs.length; i++) {
      costs[i] = this.shiftingCost(state, entry.shifting[i]!);
      if ((i + 1) % WARM_COST_SLICE === 0) await yieldToLoop();
    }
    this.rememberShifting(byCostKey, entry, costs);
    await yieldToLoop();
  }
}

function yieldToLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** States with the same mask key and the same closing have the same cost-ordered shifting tokens. */
function shiftingKey(state: AutomatonState, clamp: number): string {
  return `${stateMaskKey(state, clamp)}\u0000${closingText(state)}`;
}

/**
 * A document with every declared property and one item per array: it visits the states optional parts
 * use. Recursive schemas unfold until a byte budget is spent, then take their shortest documents.
 */
function fullDocument(root: SchemaNode): string {
  let budget = FULL_DOCUMENT_BYTES;
  const visit = (node: SchemaNode, depth: number): string => {
    const at = deref(node);
    if (depth > 32 || budget <= 0) return minDocOf(at);
    let text: string;
    switch (at.kind) {
      case 'object':
        text = `{${at.properties.map((p) => p.keyText + visit(p.value, depth + 1)).join(',')}}`;
        break;
      case 'array': {
        const first = at.prefix[0] ?? at.items;
        text = at.maxItems > 0 && first ? `[${visit(first, depth + 1)}]` : minDocOf(at);
        break;
      }
      case 'union':
        text = at.options.length > 0 ? visit(at.options[0]!, depth + 1) : minDocOf(at);
        break;
      default:
        text = minDocOf(at);
    }
    budget -= text.length;
    return text;
  };
  return visit(root, 0);
}
