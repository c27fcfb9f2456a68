// `mpr clean --diff`: the correction as an inline diff for people at a terminal (removed text struck
// through in red, inserted text underlined in green, then one line per edit). When stdout is not a
// terminal (a pipe, a file) the answer stays JSON, so scripts never parse a diff.
import { styleText } from 'node:util';

export interface DiffEdit {
  start: number;
  end: number;
  original: string;
  replacement: string;
  kind: string;
  message: string;
}

export interface CleanAnswer {
  cleanedText: string;
  edits: DiffEdit[];
  skipped?: boolean;
  skipReason?: string | null;
  engine?: { id?: string; version?: string };
  [field: string]: unknown;
}

export interface OutputTarget {
  /** stdout is a terminal. */
  terminal: boolean;
  /** The terminal shows colours (false with NO_COLOR, for instance); without them the diff uses [-…-]{+…+}. */
  colors: boolean;
}

type Style = (part: 'removed' | 'inserted' | 'kind' | 'dim', text: string) => string;

const COLOURS: Record<Parameters<Style>[0], Parameters<typeof styleText>[0]> = {
  removed: ['red', 'strikethrough'],
  inserted: ['green', 'underline'],
  kind: 'cyan',
  dim: 'dim',
};

const colourStyle: Style = (part, text) =>
  text === '' ? '' : styleText(COLOURS[part], text, { validateStream: false });

const plainStyle: Style = (part, text) => {
  if (text === '') return '';
  if (part === 'removed') return `[-${text}-]`;
  if (part === 'inserted') return `{+${text}+}`;
  return text;
};

/** The original text with each edit shown in place; edits overlapping an earlier one are left out. */
export function inlineDiff(text: string, edits: readonly DiffEdit[], style: Style): string {
  let out = '';
  let cursor = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start < cursor || edit.end > text.length) continue;
    out += text.slice(cursor, edit.start) + style('removed', edit.original) + style('inserted', edit.replacement);
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

function visible(text: string): string {
  return JSON.stringify(text);
}

function summary(answer: CleanAnswer, style: Style): string {
  const engine = answer.engine?.id
    ? ` by ${answer.engine.id}${answer.engine.version ? ` ${answer.engine.version}` : ''}`
    : '';
  if (answer.skipped) return style('dim', `no edits: skipped (${answer.skipReason ?? 'unknown'})${engine}`);
  const count = `${answer.edits.length} ${answer.edits.length === 1 ? 'edit' : 'edits'}`;
  const lines = [style('dim', `${count}${engine}`)];
  const width = Math.max(0, ...answer.edits.map((edit) => edit.kind.length));
  for (const edit of [...answer.edits].sort((a, b) => a.start - b.start)) {
    const span = `${edit.start}-${edit.end}`.padEnd(9);
    const change = `${visible(edit.original)} → ${visible(edit.replacement)}`;
    lines.push(
      `  ${style('dim', span)} ${style('kind', edit.kind.padEnd(width))}  ${change}${edit.message ? `  ${style('dim', edit.message)}` : ''}`,
    );
  }
  return lines.join('\n');
}

/** What `mpr clean` prints: the diff for a terminal when asked for, JSON otherwise. */
export function formatClean(text: string, answer: CleanAnswer, diff: boolean, target: OutputTarget): string {
  if (!diff || !target.terminal) return `${JSON.stringify(answer, null, 2)}\n`;
  const style = target.colors ? colourStyle : plainStyle;
  return `${inlineDiff(text, answer.edits, style)}\n\n${summary(answer, style)}\n`;
}
