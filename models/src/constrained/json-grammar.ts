// One compiled schema bound to one vocabulary: the automaton's start, the per-state mask cache shared
// by every sequence decoding with it, and the shortest-closing token plans the budget steers with.
import { MprError } from '../../../lib/errors.ts';
import type { TokenVocabulary } from '../generation/types.ts';
import { closingText, initialState, stateMaskKey, stepByte, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import type { CompiledSchema } from './schema-compiler.ts';
import { binaryToText } from './schema-ir.ts';
import type { SchemaNode } from './schema-ir.ts';
import { minDocOf } from './shortest-document.ts';
import { computeMask, MaskWalk } from './token-masks.ts';
import type { MaskEntry } from './token-masks.ts';
import { shortestTokenization, vocabularyTrie } from './vocabulary-trie.ts';
import { valueProbes } from './warm-probes.ts';
import type { VocabularyTrie } from './vocabulary-trie.ts';

const MAX_CACHED_MASKS = 4096;
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
  maskMisses = 0;

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
      const needed = Number.isFinite(this.shortestDocumentTokens) ? `${this.shortestDocumentTokens} tokens` : 'tokens this vocabulary lacks';
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
      entry = computeMask(this.trie, state);
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
    const key = `${stateMaskKey(state, this.clamp)}\u0000${closingText(state)}`;
    let byCost = this.shiftCosts.get(key);
    if (!byCost) {
      const cost = (id: number): number => {
        const next = stepBytes(state, this.trie.tokenBytes[id]!);
        return (next.length > 0 ? this.closingPlan(next)?.length : undefined) ?? Infinity;
      };
      const pairs = Array.from(entry.shifting, (id) => ({ id, cost: cost(id) })).sort((a, b) => a.cost - b.cost);
      byCost = { ids: pairs.map((p) => p.id), costs: Float64Array.from(pairs, (p) => p.cost) };
      if (this.shiftCosts.size >= MAX_CACHED_SHIFT_COSTS) this.shiftCosts.delete(this.shiftCosts.keys().next().value!);
      this.shiftCosts.set(key, byCost);
    }
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
   * separated by setImmediate so decoding requests keep running.
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

  private async warmState(state: AutomatonState): Promise<void> {
    const key = stateMaskKey(state, this.clamp);
    if (this.masks.has(key)) return;
    const walk = new MaskWalk(this.trie, state);
    while (!walk.run(WARM_SLICE)) await new Promise<void>((resolve) => setImmediate(resolve));
    this.remember(key, walk.result());
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** A document with every declared property and one item per array: it visits the states optional parts use. */
function fullDocument(node: SchemaNode, depth = 0): string {
  if (depth > 32) return minDocOf(node);
  switch (node.kind) {
    case 'object':
      return `{${node.properties.map((p) => p.keyText + fullDocument(p.value, depth + 1)).join(',')}}`;
    case 'array':
      return node.maxItems > 0 ? `[${fullDocument(node.items, depth + 1)}]` : '[]';
    case 'union':
      return fullDocument(node.options[0]!, depth + 1);
    default:
      return minDocOf(node);
  }
}
