import { describe, expect, it } from 'vitest';
import { ERROR_TABLE, MprError, type ErrorCode } from './errors.ts';

describe('MprError', () => {
  it('gives every answer a client may retry (429, 503) a Retry-After, by default 1 s', () => {
    for (const code of Object.keys(ERROR_TABLE) as ErrorCode[]) {
      const error = new MprError(code, 'x');
      if (error.httpStatus === 429 || error.httpStatus === 503) expect(error.retryAfterSeconds, code).toBe(1);
      else expect(error.retryAfterSeconds, code).toBeUndefined();
    }
  });

  it('keeps a Retry-After given by the thrower', () => {
    expect(new MprError('unavailable', 'circuit open', { retryAfterSeconds: 5 }).retryAfterSeconds).toBe(5);
  });
});
