// Greedy constrained rows get their masked argmax inside the decoder worker (the constraint describes
// its mask with `nextMask`, the logits never travel). Held to the host path (a constraint without
// `nextMask`: logits row -> mask -> argmax on the main thread) token for token, batched and with budget
// steering, and every chosen token is checked against the mask that was sent for its step.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { LogitsMask, TokenConstraint } from '../../models/src/generation/types.ts';
import { applyLogitsMask } from '../../models/src/kernels/mask-apply.ts';
import { constraintFor, prepareJsonGrammar } from '../../models/src/constrained/index.ts';
import { MaskListSender, MaskListStore } from '../../models/src/backend/mask-wire.ts';
import { DECISION_SCHEMA, DESCRIBE_SCHEMA } from '../../services/describer/tasks/index.ts';
import { useTinyGenerator } from '../support/tiny-generator.ts';

const TAGS = { type: 'array', items: { type: 'string', maxLength: 12 }, minItems: 1, maxItems: 4 };
const SCHEMAS: Record<string, unknown> = { decision: DECISION_SCHEMA, describe: DESCRIBE_SCHEMA, tags: TAGS };
const PROMPTS = 4;

const tiny = useTinyGenerator('tiny-decoder-masks', 5);
const ajv = new Ajv({ strict: false });

/** Hides `nextMask`: the sequence takes the host path (logits to the main thread, mask, argmax). */
function hostPath(constraint: TokenConstraint): TokenConstraint {
  return {
    mask: (logits, remaining) => constraint.mask(logits, remaining),
    accept: (id) => constraint.accept(id),
    isComplete: () => constraint.isComplete(),
  };
}

/** Forwards `nextMask` (decoder path) and records each step's mask and the token then accepted. */
function recording(constraint: TokenConstraint): {
  constraint: TokenConstraint;
  masks: LogitsMask[];
  tokens: number[];
  hostMasks: number;
} {
  const log = { masks: [] as LogitsMask[], tokens: [] as number[], hostMasks: 0 };
  const nextMask = constraint.nextMask?.bind(constraint);
  if (!nextMask) throw new Error('the JSON constraint should describe its masks');
  return {
    masks: log.masks,
    tokens: log.tokens,
    get hostMasks() {
      return log.hostMasks;
    },
    constraint: {
      mask: (logits, remaining) => {
        log.hostMasks++;
        constraint.mask(logits, remaining);
      },
      nextMask: (remaining) => {
        const mask = nextMask(remaining);
        log.masks.push(mask);
        return mask;
      },
      accept: (id) => {
        log.tokens.push(id);
        constraint.accept(id);
      },
      isComplete: () => constraint.isComplete(),
    },
  };
}

const prompt = (name: string, i: number): string => `Task: ${name}. Text: the parcel #${i} arrived late. JSON:`;

describe('masked argmax in the decoder worker', () => {
  it('equals the host path token for token, one at a time and batched, with a tight and a loose budget', async () => {
    let compared = 0;
    for (const [name, schema] of Object.entries(SCHEMAS)) {
      const { grammar } = await prepareJsonGrammar(schema, tiny.generator.vocabulary);
      const validate = ajv.compile(schema as object);
      for (const maxNewTokens of [grammar.shortestDocumentTokens + 3, grammar.shortestDocumentTokens + 60]) {
        const run = (i: number, host: boolean) => {
          const constraint = constraintFor(grammar, maxNewTokens);
          return tiny.generator.generate(prompt(name, i), {
            maxNewTokens,
            constraint: host ? hostPath(constraint) : constraint,
          });
        };
        const host = await Promise.all(Array.from({ length: PROMPTS }, (_, i) => run(i, true)));
        const single = [];
        for (let i = 0; i < PROMPTS; i++) single.push(await run(i, false));
        const batched = await Promise.all(Array.from({ length: PROMPTS }, (_, i) => run(i, false)));
        for (let i = 0; i < PROMPTS; i++) {
          const expected = host[i]!;
          expect(expected.finishReason).toBe('constraint_complete');
          expect(validate(JSON.parse(expected.text))).toBe(true);
          for (const result of [single[i]!, batched[i]!]) {
            expect(result.tokenIds).toEqual(expected.tokenIds);
            expect(result.text).toBe(expected.text);
            expect(result.finishReason).toBe(expected.finishReason);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(Object.keys(SCHEMAS).length * 2 * PROMPTS * 2);
  });

  it('sends a mask for every step, never masks on the host, and every token is allowed by its mask', async () => {
    const { grammar } = await prepareJsonGrammar(DESCRIBE_SCHEMA, tiny.generator.vocabulary);
    const maxNewTokens = grammar.shortestDocumentTokens + 3;
    const runs = Array.from({ length: 3 }, () => recording(constraintFor(grammar, maxNewTokens)));
    const results = await Promise.all(
      runs.map((r, i) => tiny.generator.generate(prompt('describe', i), { maxNewTokens, constraint: r.constraint })),
    );
    const validate = ajv.compile(DESCRIBE_SCHEMA as object);
    let steered = 0;
    results.forEach((result, i) => {
      const run = runs[i]!;
      expect(result.finishReason).toBe('constraint_complete');
      expect(result.tokenIds.length).toBeLessThanOrEqual(maxNewTokens);
      expect(validate(JSON.parse(result.text))).toBe(true);
      expect(run.hostMasks).toBe(0);
      expect(run.masks.length).toBe(run.tokens.length);
      run.tokens.forEach((token, step) => {
        const mask = run.masks[step]!;
        if (mask.kind !== 'list' || mask.drop.length > 0) steered++;
        const logits = new Float32Array(tiny.generator.vocabulary.size);
        applyLogitsMask(logits, mask);
        expect(logits[token], `step ${step} token ${token}`).toBe(0);
      });
    });
    // The tight budget forces steering masks ('only' or with dropped tokens), so those went through too.
    expect(steered).toBeGreaterThan(0);
  });

  it('sends a mostly-allowing list as its disallowed ids, and the worker applies it the same', () => {
    const size = 16;
    const disallowed = Int32Array.from([2, 5, 11]);
    const allowed = Int32Array.from([...Array(size).keys()].filter((id) => !disallowed.includes(id)));
    const mask: LogitsMask = { kind: 'list', list: { allowed, disallowed }, size, keep: [5], drop: [7] };
    const fields = new MaskListSender().encode([mask]);
    expect(fields.lists.add[0]!.allowed).toHaveLength(0);
    const [decoded] = new MaskListStore().decode(fields);
    const row = (m: LogitsMask): number[] => {
      const logits = Float32Array.from({ length: size + 2 }, (_, i) => i);
      applyLogitsMask(logits, m);
      return [...logits];
    };
    expect(row(decoded!)).toEqual(row(mask));
    // 16 ids, 3 disallowed, 5 kept again, 7 dropped; the 2 padding logits past the vocabulary never.
    expect(row(mask).filter(Number.isFinite)).toHaveLength(13);
  });

  it('keeps the worker copy of mask lists bounded and re-sends an evicted list', () => {
    const sender = new MaskListSender(2);
    const store = new MaskListStore();
    const list = (ids: number[]) => ({ allowed: Int32Array.from(ids), disallowed: null });
    const [a, b, c] = [list([1]), list([2]), list([3])];
    const mask = (l: ReturnType<typeof list>): LogitsMask => ({ kind: 'list', list: l, size: 8, keep: [], drop: [] });
    const step = (...lists: ReturnType<typeof list>[]) => {
      const fields = sender.encode(lists.map(mask));
      const masks = store.decode(fields);
      masks.forEach((m, i) => {
        expect(m && m.kind === 'list' && [...m.list.allowed]).toEqual([...lists[i]!.allowed]);
      });
      return fields.lists;
    };
    expect(step(a, b).add.length).toBe(2);
    expect(step(a, b)).toEqual({ forget: [], add: [] });
    expect(step(c).forget).toHaveLength(1); // a: refreshed before b in the last step, so the oldest
    expect(store.size).toBe(2);
    const again = step(a);
    expect(again.add.length).toBe(1);
    expect(store.size).toBe(2);
  });
});
