import { describe, expect, it } from 'vitest';
import { constraintFor, createJsonConstraint, jsonGrammar, prepareJsonGrammar } from './grammar-cache.ts';
import { syntheticVocabulary } from '../../test-support/synthetic-vocabulary.ts';

const twentyOptional = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`field_${i}`, { type: 'string', maxLength: 40 }]),
  ),
};

describe('grammar cache and off-loop compilation', () => {
  it('compiles in setImmediate slices: the event loop keeps turning while a new schema compiles', async () => {
    const vocabulary = syntheticVocabulary(8192, 3);
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const [first, second] = await Promise.all([
      prepareJsonGrammar(twentyOptional, vocabulary),
      prepareJsonGrammar(twentyOptional, vocabulary),
    ]);
    ticking = false;
    // Concurrent callers share one compile; decoding requests would have had these turns to step.
    expect(second.grammar).toBe(first.grammar);
    expect(turns).toBeGreaterThan(10);
    expect(first.compileMs).toBeGreaterThan(0);
    expect(first.grammar.shortestDocument).toBe('{}');
  });

  it('masks padded logits rows beyond the vocabulary', () => {
    const vocabulary = syntheticVocabulary(2048, 4);
    const constraint = createJsonConstraint({ type: 'string' }, vocabulary);
    const logits = new Float32Array(vocabulary.size + 16).fill(1);
    constraint.mask(logits, 100);
    expect(logits.subarray(vocabulary.size).every((value) => value === -Infinity)).toBe(true);
    const allowed = [...logits.subarray(0, vocabulary.size)].flatMap((value, id) => (value > -Infinity ? [id] : []));
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.every((id) => vocabulary.tokenBytes(id)![0] === 0x22)).toBe(true);
  });

  it('shares one grammar (and its mask cache) between sequences of the same schema', () => {
    const vocabulary = syntheticVocabulary(2048, 5);
    const schema = { type: 'array', items: { type: 'integer' } };
    const grammar = jsonGrammar(schema, vocabulary);
    for (let i = 0; i < 3; i++) createJsonConstraint(schema, vocabulary).mask(new Float32Array(vocabulary.size), 50);
    expect(grammar.maskMisses).toBe(1);
  });

  it('warms the steering costs along the shortest document: a tight budget steers it without computing any', async () => {
    const vocabulary = syntheticVocabulary(4096, 6);
    const trait = {
      type: 'object',
      properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, note: { type: 'string', maxLength: 50 } },
      required: ['score', 'note'],
    };
    const schema = {
      type: 'object',
      properties: { a: trait, b: trait, c: trait, d: trait },
      required: ['a', 'b', 'c', 'd'],
    };
    const { grammar } = await prepareJsonGrammar(schema, vocabulary);
    const plan = grammar.closingPlan(grammar.initial)!;
    const constraint = constraintFor(grammar, plan.length);
    // The first half of the document still has a long closing: every step there is steered.
    const half = plan.length >> 1;
    for (let i = 0; i < half; i++) {
      constraint.nextMask(plan.length - i);
      constraint.accept(plan[i]!);
    }
    expect(constraint.steeredSteps).toBe(half);
    expect(grammar.shiftingMisses).toBe(0);
    expect(grammar.maskMisses).toBe(0);
  });

  it('warms the mid-character states near a maxLength: non-ASCII text up to the limit misses no mask', async () => {
    const vocabulary = syntheticVocabulary(4096, 7);
    const { grammar } = await prepareJsonGrammar(
      { type: 'object', properties: { s: { type: 'string', maxLength: 20 } }, required: ['s'] },
      vocabulary,
    );
    const byteToken = (byte: number): number =>
      grammar.trie.tokenBytes.findIndex((bytes) => bytes?.length === 1 && bytes[0] === byte);
    const constraint = constraintFor(grammar, 100);
    // 17 plain characters, then é (0xc3 0xa9) as two single-byte tokens, then the end of the document.
    const bytes = [
      ...new TextEncoder().encode(`{"s":"${'a'.repeat(17)}`),
      0xc3,
      0xa9,
      ...new TextEncoder().encode('"}'),
    ];
    for (const byte of bytes) {
      constraint.nextMask(100);
      constraint.accept(byteToken(byte));
    }
    expect(constraint.isComplete()).toBe(true);
    expect(grammar.maskMisses).toBe(0);
  });
});
