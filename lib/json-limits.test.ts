import { describe, expect, it } from 'vitest';
import { MprError } from './errors.ts';
import { assertJsonDepth, jsonDepth } from './json-limits.ts';

describe('JSON depth', () => {
  it('measures nesting of objects and arrays, ignoring brackets inside strings', () => {
    expect(jsonDepth('"text"')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{","b":"\\\\"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[[["}')).toBe(1);
  });

  it('refuses a body nested past the limit with json_too_deep, stopping early on huge input', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(jsonDepth(deep, 64)).toBe(65);
    let error: unknown;
    try {
      assertJsonDepth(deep, 64);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MprError);
    expect((error as MprError).code).toBe('json_too_deep');
    expect((error as MprError).httpStatus).toBe(400);
    expect(() => assertJsonDepth('[[[1]]]', 3)).not.toThrow();
  });
});
