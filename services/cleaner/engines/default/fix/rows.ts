// Row rules: each row names its rule, the words it starts at, and a function of the context that
// returns the fix (new texts for the tokens it changes) or a flag (the span looks wrong, no fix is
// certain), or nothing. The runner applies the rows in order, each on the text as the rows before it
// left it.
import type { EditKindName } from '../../../engine.ts';
import type { WordClasses } from '../lexicon/word-classes.ts';
import type { Change, SegmentedText } from '../segments.ts';
import { matchCase, withApostropheOf } from './sentence.ts';
import { WordView } from './word-view.ts';

export interface RowContext {
  view: WordView;
  words: WordClasses;
}

export type RowResult =
  /** New texts for tokens k + offset (lower case; the original's case is kept). */
  | { fix: readonly (readonly [offset: number, text: string])[] }
  /** Tokens k .. k + span - 1 look wrong; nothing is changed. */
  | { flag: number }
  | undefined;

export interface FixRow {
  readonly rule: string;
  readonly kind: EditKindName;
  /** Lower-case words the row starts at; undefined: any word. */
  readonly words?: ReadonlySet<string>;
  readonly apply: (ctx: RowContext, k: number) => RowResult;
  readonly message: string;
}

export function applyRows(doc: SegmentedText, rows: readonly FixRow[], words: WordClasses): void {
  let view = new WordView(doc);
  for (const row of rows) {
    let changed = false;
    const ctx: RowContext = { view, words };
    view.tokens.forEach((token, k) => {
      if (!token.isWord || (row.words !== undefined && !row.words.has(token.lower))) return;
      const result = row.apply(ctx, k);
      if (result === undefined) return;
      const change = { kind: row.kind, message: row.message, rule: row.rule };
      if ('flag' in result) {
        const last = view.tokens[Math.min(k + result.flag - 1, view.tokens.length - 1)]!;
        doc.flag(token.index, last.index, change);
        return;
      }
      const group = doc.newGroup();
      for (const [offset, text] of result.fix) {
        const target = view.tokens[k + offset];
        if (target === undefined) continue;
        const replacement = offset === 0 || target.text !== target.lower ? matchCase(target.text, text) : text;
        doc.rewrite(target.index, withApostropheOf(target.text, replacement), change, group);
        // a word taken out takes a space next to it along
        if (text === '') removeSpaceNextTo(doc, target.index, offset > 0, change, group);
      }
      changed = true;
    });
    // the next row reads the text as this one left it
    if (changed) view = new WordView(doc);
  }
}

/** Takes out the space before (`before`) or after the emptied token, else the one on its other side. */
function removeSpaceNextTo(doc: SegmentedText, index: number, before: boolean, change: Change, group: number): void {
  for (const gap of before ? [index - 1, index + 1] : [index + 1, index - 1]) {
    const segment = doc.segments[gap];
    if (segment?.type === 'gap' && /^ +$/.test(segment.text)) {
      doc.rewrite(gap, '', change, group);
      return;
    }
  }
}
