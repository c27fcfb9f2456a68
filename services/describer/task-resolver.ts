// Which schema a Describe call asks for: an inline schema (with its instructions) wins over a task name;
// no name means the default task.
import { DEFAULT_TASK, getTask, parseInlineSchema } from './tasks/index.ts';
import type { ResolvedTask } from './service.ts';

export const CUSTOM_TASK = 'custom';

export function resolveTask(task: string, schemaJson: string, instructions: string): ResolvedTask {
  if (schemaJson) {
    return { name: task || CUSTOM_TASK, schema: parseInlineSchema(schemaJson), instructions };
  }
  const named = getTask(task || DEFAULT_TASK);
  return { name: named.name, schema: named.schema, instructions: instructions || named.instructions };
}
