// Pure layout of an edited text: the original text cut into plain runs and edits, for the marks view.
// No DOM here, so it is unit-tested in Node (marks.test.ts).

/** One edit as the gateway returns it; offsets are UTF-16 code units into the original text. */
export interface Edit {
  start: number;
  end: number;
  original: string;
  replacement: string;
  kind: string;
  message: string;
}

export type Operation = 'deletion' | 'insertion' | 'replacement';

export type Segment =
  | { type: 'text'; text: string; start: number; end: number; pending: boolean }
  | { type: 'edit'; edit: Edit; operation: Operation; index: number };

export interface Range {
  start: number;
  end: number;
}

export function operationOf(edit: Edit): Operation {
  if (edit.replacement === '') return 'deletion';
  if (edit.start === edit.end || edit.original === '') return 'insertion';
  return 'replacement';
}

const KIND_LABELS: Record<string, string> = {
  repeated_word: 'Repeated word',
  unspecified: 'Edit',
};

/** "repeated_word" -> "Repeated word". */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll('_', ' ');
}

function quoted(text: string): string {
  return `“${text.replaceAll('\n', '⏎')}”`;
}

/** What an edit changed, in words: `“scool” → “school”`, `removed “ and”`, `inserted “the”`. */
export function changeText(edit: Edit): string {
  const operation = operationOf(edit);
  if (operation === 'deletion') return `removed ${quoted(edit.original)}`;
  if (operation === 'insertion') return `inserted ${quoted(edit.replacement)}`;
  return `${quoted(edit.original)} → ${quoted(edit.replacement)}`;
}

/** True when `at` lies in one of `ranges` (half open). */
function covered(ranges: readonly Range[], at: number): boolean {
  return ranges.some((range) => at >= range.start && at < range.end);
}

/** Cuts [start, end) where a done range starts or ends, marking the parts not yet done as pending. */
function textRuns(text: string, start: number, end: number, done: readonly Range[] | undefined): Segment[] {
  if (start >= end) return [];
  if (done === undefined) return [{ type: 'text', text: text.slice(start, end), start, end, pending: false }];
  const cuts = new Set([start, end]);
  for (const range of done) {
    if (range.start > start && range.start < end) cuts.add(range.start);
    if (range.end > start && range.end < end) cuts.add(range.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const pending = !covered(done, from);
    const last = runs.at(-1);
    if (last?.type === 'text' && last.pending === pending) {
      last.text += text.slice(from, to);
      last.end = to;
    } else runs.push({ type: 'text', text: text.slice(from, to), start: from, end: to, pending });
  }
  return runs;
}

/**
 * The original text as plain runs and edits in order. Edits that overlap an earlier one or fall outside
 * the text are left out (the list view still shows them). `done`, while a result streams in, names the
 * parts already cleaned; the rest is pending.
 */
export function segmentText(text: string, edits: readonly Edit[], done?: readonly Range[]): Segment[] {
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const { edit, index } of ordered) {
    if (edit.start < cursor || edit.end > text.length || edit.end < edit.start) continue;
    segments.push(...textRuns(text, cursor, edit.start, done));
    segments.push({ type: 'edit', edit, operation: operationOf(edit), index });
    cursor = edit.end;
  }
  segments.push(...textRuns(text, cursor, text.length, done));
  return segments;
}

/** The text with every laid-out edit applied: equals the cleaned text when the edits are complete. */
export function applySegments(segments: readonly Segment[]): string {
  return segments.map((segment) => (segment.type === 'text' ? segment.text : segment.edit.replacement)).join('');
}
