// A structured-output evaluation set: JSONL, one {"input": "...", "expected": {...}} per line.
import { errorMessage, MprError } from '../lib/errors.ts';
import { readLines } from './gec-dataset.ts';
import { parseAnnotations, type ReadingAnnotations } from './reading-metrics.ts';

export interface JsonItem {
  input: string;
  expected: unknown;
  /** Facts about the case that policies may read (an amount, a category); never sent to the system. */
  meta?: Record<string, unknown>;
  /** What a reader finds in the input (entities with offsets, tone), scored by reading-metrics.ts. */
  annotations?: ReadingAnnotations;
}

export async function readJsonItems(file: string, limit?: number): Promise<JsonItem[]> {
  const items: JsonItem[] = [];
  for (const [index, line] of (await readLines(file)).entries()) {
    if (line.trim() === '') continue;
    let parsed: { input?: unknown; expected?: unknown; meta?: unknown; annotations?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch (error) {
      throw new MprError('malformed_json', `${file}:${index + 1}: ${errorMessage(error)}`);
    }
    if (typeof parsed.input !== 'string' || parsed.expected === undefined) {
      throw new MprError(
        'invalid_argument',
        `${file}:${index + 1}: each line needs a string "input" and an "expected" value`,
      );
    }
    if (
      parsed.meta !== undefined &&
      (typeof parsed.meta !== 'object' || parsed.meta === null || Array.isArray(parsed.meta))
    )
      throw new MprError('invalid_argument', `${file}:${index + 1}: "meta" must be an object`);
    const annotations =
      parsed.annotations === undefined ? undefined : parseAnnotations(parsed.annotations, `${file}:${index + 1}`);
    items.push({
      input: parsed.input,
      expected: parsed.expected,
      ...(parsed.meta === undefined ? {} : { meta: parsed.meta as Record<string, unknown> }),
      ...(annotations ? { annotations } : {}),
    });
  }
  return limit === undefined ? items : items.slice(0, limit);
}
