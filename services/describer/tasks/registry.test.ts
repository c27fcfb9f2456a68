import { describe, expect, it } from 'vitest';
import { MprError } from '../../../lib/errors.ts';
import { DEFAULT_TASK, TASK_NAMES, assertSupportedSchema, getTask, listTasks } from './index.ts';

describe('task registry', () => {
  it('lists every named task with a schema and instructions', () => {
    const tasks = listTasks();
    expect(tasks.map((t) => t.name)).toEqual(['describe', 'decision', 'traits']);
    for (const task of tasks) {
      expect(task.schema.type).toBe('object');
      expect(task.instructions.length).toBeGreaterThan(50);
      expect(getTask(task.name)).toBe(task);
    }
  });

  it('keeps every task schema inside the subset constrained decoding compiles', () => {
    for (const name of TASK_NAMES) expect(() => assertSupportedSchema(getTask(name).schema)).not.toThrow();
  });

  it('resolves an empty name to the default task', () => {
    expect(getTask('').name).toBe(DEFAULT_TASK);
    expect(DEFAULT_TASK).toBe('describe');
  });

  it('rejects an unknown task with unknown_task naming the known ones', () => {
    const error = (() => {
      try {
        getTask('summarize');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MprError);
    expect((error as MprError).code).toBe('unknown_task');
    expect((error as MprError).message).toContain('summarize');
    expect((error as MprError).message).toContain('describe, decision, traits');
  });

  it('is case-sensitive and does not resolve prototype keys', () => {
    expect(() => getTask('Describe')).toThrow(MprError);
    expect(() => getTask('toString')).toThrow(/unknown task/);
  });

  it('hands out frozen schemas so no request can alter another one', () => {
    const schema = getTask('traits').schema as { properties: Record<string, unknown> };
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.isFrozen(schema.properties)).toBe(true);
    expect(() => {
      schema.properties.extra = {};
    }).toThrow(TypeError);
  });

  it('describes decisions with the customer-operations fields and scores traits 1..5', () => {
    const decision = getTask('decision').schema as { required: string[]; properties: { decision: { enum: string[] } } };
    expect(decision.required).toEqual([
      'decision',
      'reason',
      'customer_response',
      'next_action',
      'escalation_required',
    ]);
    expect(decision.properties.decision.enum).toEqual(['approve', 'deny', 'escalate', 'request_info']);
    const traits = getTask('traits').schema as { properties: Record<string, { properties: { score: unknown } }> };
    expect(Object.keys(traits.properties)).toEqual(['clarity', 'politeness', 'urgency', 'formality', 'sentiment']);
    expect(traits.properties.clarity!.properties.score).toEqual({ type: 'integer', minimum: 1, maximum: 5 });
  });
});
