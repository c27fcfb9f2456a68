import { describe, expect, it } from 'vitest';
import { MprError } from '../../lib/errors.ts';
import type { DescribeResponse__Output } from '../../proto/generated/mpr/v1/DescribeResponse.ts';
import { describeView } from './json-views.ts';

const answer = (json: string) =>
  ({
    json,
    schemaValid: true,
    schemaErrors: [],
    constrained: true,
    unfilledFields: [],
    task: 'describe',
  }) as unknown as DescribeResponse__Output;

describe('describeView', () => {
  it('turns the describer JSON text into a JSON value', () => {
    expect(describeView(answer('{"counts":{"words":3}}')).json).toEqual({ counts: { words: 3 } });
  });

  it('blames the agent with a typed internal error when its JSON text is broken, not the caller', () => {
    const error = (() => {
      try {
        describeView(answer('{"counts":'));
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MprError);
    expect((error as MprError).code).toBe('internal');
    expect((error as MprError).httpStatus).toBe(500);
    expect((error as MprError).message).toMatch(/describer/);
  });
});
