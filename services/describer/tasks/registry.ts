// The named tasks the describer ships with. A task is a schema plus the instructions an LLM engine
// puts in its prompt; the registry is the only place that maps a name to them.
import { MprError } from '../../../lib/errors.ts';
import type { JsonSchema } from '../engine.ts';
import { DECISION_INSTRUCTIONS, DECISION_SCHEMA } from './decision-task.ts';
import { DESCRIBE_INSTRUCTIONS, DESCRIBE_SCHEMA } from './describe-task.ts';
import { TRAITS_INSTRUCTIONS, TRAITS_SCHEMA } from './traits-task.ts';

export const TASK_NAMES = ['describe', 'decision', 'traits'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const DEFAULT_TASK: TaskName = 'describe';

export interface DescriberTask {
  readonly name: TaskName;
  readonly schema: JsonSchema;
  readonly instructions: string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// Frozen so that no caller can mutate a schema another request (or a cached validator) relies on.
const TASKS: Readonly<Record<TaskName, DescriberTask>> = deepFreeze({
  describe: { name: 'describe', schema: DESCRIBE_SCHEMA, instructions: DESCRIBE_INSTRUCTIONS },
  decision: { name: 'decision', schema: DECISION_SCHEMA, instructions: DECISION_INSTRUCTIONS },
  traits: { name: 'traits', schema: TRAITS_SCHEMA, instructions: TRAITS_INSTRUCTIONS },
});

export function isTaskName(name: string): name is TaskName {
  return (TASK_NAMES as readonly string[]).includes(name);
}

/** The named task; an empty name means the default task. */
export function getTask(name: string): DescriberTask {
  const key = name === '' ? DEFAULT_TASK : name;
  if (!isTaskName(key)) {
    throw new MprError('unknown_task', `unknown task "${name}"; known tasks: ${TASK_NAMES.join(', ')}`);
  }
  return TASKS[key];
}

const TASK_SCHEMAS: ReadonlySet<unknown> = new Set(TASK_NAMES.map((name) => TASKS[name].schema));

/** Whether `schema` is one of the named tasks' own (frozen) schema objects, not a copy of one. */
export function isTaskSchema(schema: unknown): boolean {
  return TASK_SCHEMAS.has(schema);
}

export function listTasks(): DescriberTask[] {
  return TASK_NAMES.map((name) => TASKS[name]);
}
