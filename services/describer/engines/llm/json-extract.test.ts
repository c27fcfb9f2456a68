import { describe, expect, it } from 'vitest';
import { extractJson } from './json-extract.ts';

describe('extractJson', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['  [1, 2]\n', [1, 2]],
    ['"just a string"', 'just a string'],
    ['null', null],
    ['```json\n{"a": {"b": [1]}}\n```', { a: { b: [1] } }],
    ['Here is the JSON:\n```\n{"x": "y"}\n```\nLet me know!', { x: 'y' }],
    ['Sure! {"decision": "approve", "reason": "ok"} Hope this helps.', { decision: 'approve', reason: 'ok' }],
    ['Answer: {"text": "a } and { inside", "n": 2} done', { text: 'a } and { inside', n: 2 }],
    ['{"q": "say \\"hi\\" {"} trailing', { q: 'say "hi" {' }],
    ['noise { not json } then {"ok": true}', { ok: true }],
    ['[{"a": 1}, {"b": [2, {"c": 3}]}] and more', [{ a: 1 }, { b: [2, { c: 3 }] }]],
    ['{"emoji": "😀 ünïcode"}', { emoji: '😀 ünïcode' }],
  ])('%j', (answer, value) => {
    expect(extractJson(answer)).toEqual({ found: true, value });
  });

  it.each([[''], ['no json here'], ['{"cut": "off'], ['{"a": 1'], ['] } {']])('finds nothing in %j', (answer) => {
    expect(extractJson(answer)).toEqual({ found: false });
  });
});
