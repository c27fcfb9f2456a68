// Writes eval/data/reading.jsonl from eval/data/reading-set.txt, whose lines are "tone<TAB>message" with
// entities marked as [text]{type}: offsets are counted here, never by hand.
//   node eval/build-reading-set.ts [source] [target]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface AnnotatedEntity {
  type: string;
  text: string;
  start: number;
  end: number;
}

export interface ReadingItem {
  input: string;
  /** No schema fields are scored on this set: what a reader finds is in the annotations. */
  expected: Record<string, never>;
  annotations: { entities: AnnotatedEntity[]; tone: string };
}

const MARK = /\[([^\]]+)\]\{(\w+)\}/gu;
const TONES = new Set(['negative', 'neutral', 'positive']);

export function parseAnnotatedLine(line: string, where: string): ReadingItem {
  const tab = line.indexOf('\t');
  const tone = line.slice(0, tab);
  if (tab < 0 || !TONES.has(tone)) throw new Error(`${where}: expected "negative|neutral|positive<TAB>message"`);
  const marked = line.slice(tab + 1);
  const entities: AnnotatedEntity[] = [];
  let input = '';
  let last = 0;
  for (const match of marked.matchAll(MARK)) {
    input += marked.slice(last, match.index);
    const text = match[1]!;
    entities.push({ type: match[2]!, text, start: input.length, end: input.length + text.length });
    input += text;
    last = match.index + match[0].length;
  }
  input += marked.slice(last);
  if (/[[\]{}]/u.test(input)) throw new Error(`${where}: unbalanced entity markup`);
  return { input, expected: {}, annotations: { entities, tone } };
}

export function buildReadingSet(source: string): ReadingItem[] {
  return readFileSync(source, 'utf8')
    .split('\n')
    .flatMap((line, i) =>
      line.trim() === '' || line.startsWith('#') ? [] : [parseAnnotatedLine(line, `${source}:${i + 1}`)],
    );
}

if (import.meta.filename === process.argv[1]) {
  const here = path.dirname(import.meta.filename);
  const source = process.argv[2] ?? path.join(here, 'data', 'reading-set.txt');
  const target = process.argv[3] ?? path.join(here, 'data', 'reading.jsonl');
  const items = buildReadingSet(source);
  writeFileSync(target, `${items.map((item) => JSON.stringify(item)).join('\n')}\n`);
  console.log(`${items.length} items -> ${target}`);
}
