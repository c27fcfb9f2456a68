// The text as a row of segments (words, protected tokens, and the gaps between them) that keep their
// offsets in the original string. Rules rewrite segment texts; unchanged segments are copied verbatim,
// so every edit maps back to the original text exactly and nothing else can move.
import type { EditKindName, EditSpan, FlagSpan } from '../../engine.ts';

export type SegmentType = 'word' | 'protected' | 'gap';

export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly original: string;
  text: string;
  readonly type: SegmentType;
  /** Rule application that last changed it; adjacent segments of one group become one edit. */
  group: number;
  kind: EditKindName | undefined;
  message: string | undefined;
  rule: string | undefined;
}

/** Why a rule rewrites a segment: the edit's kind and message, and the rule's name. */
export interface Change {
  kind: EditKindName;
  message: string;
  rule: string;
}

// URLs, e-mails, handles, file names, abbreviations, code-like tokens: never corrected or re-cased.
const PROTECTED_SOURCE = [
  String.raw`(?:https?|ftp):\/\/\S+?(?=[.,;:!?)"'\]]*(?:\s|$))`,
  String.raw`www\.\S+?(?=[.,;:!?)"'\]]*(?:\s|$))`,
  String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`,
  String.raw`[@#][\p{L}\p{N}_]+`,
  String.raw`(?:\p{L}\.){2,}`,
  String.raw`[\p{L}\p{N}_]+(?:\.[\p{Ll}\p{N}_]+)+`,
  String.raw`\S*[_=<>{}\[\]\\|\x60~^*$/]\S*[\p{L}\p{N}]`,
].join('|');
const WORD_SOURCE = String.raw`\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+|-[\p{L}\p{M}\p{N}]+)*`;
const TOKEN = new RegExp(`(${PROTECTED_SOURCE})|(${WORD_SOURCE})`, 'gu');

export class SegmentedText {
  readonly segments: Segment[] = [];
  readonly source: string;
  private nextGroup = 1;
  private readonly flagged: FlagSpan[] = [];

  constructor(source: string) {
    this.source = source;
    let last = 0;
    for (const match of source.matchAll(TOKEN)) {
      const start = match.index;
      if (start > last) this.push(last, start, 'gap');
      this.push(start, start + match[0].length, match[1] !== undefined ? 'protected' : 'word');
      last = start + match[0].length;
    }
    if (last < source.length) this.push(last, source.length, 'gap');
  }

  private push(start: number, end: number, type: SegmentType): void {
    const text = this.source.slice(start, end);
    this.segments.push({
      start,
      end,
      original: text,
      text,
      type,
      group: 0,
      kind: undefined,
      message: undefined,
      rule: undefined,
    });
  }

  /** Starts a rule application: every `rewrite` until the next call is one edit. */
  newGroup(): number {
    return this.nextGroup++;
  }

  rewrite(index: number, text: string, change: Change, group = this.newGroup()): void {
    const segment = this.segments[index];
    if (segment === undefined || segment.text === text) return;
    segment.text = text;
    segment.group = group;
    // the first meaningful reason wins: a spelling fix later re-cased is still a spelling fix
    if (segment.kind === undefined || segment.kind === 'normalization' || segment.kind === 'whitespace') {
      segment.kind = change.kind;
      segment.message = change.message;
      segment.rule = change.rule;
    }
  }

  /** Reports segments `from`..`to` (token indices) as looking wrong, without changing them. */
  flag(from: number, to: number, change: Change): void {
    const first = this.segments[from];
    const last = this.segments[to];
    if (first === undefined || last === undefined) return;
    const start = first.start;
    const end = last.end;
    if (this.flagged.some((flag) => flag.start === start && flag.end === end && flag.rule === change.rule)) return;
    this.flagged.push({ start, end, ...change });
  }

  /** Flags in text order, except those on spans a rule has since changed. */
  flags(): FlagSpan[] {
    const changed = (flag: FlagSpan) =>
      this.segments.some((s) => s.start < flag.end && s.end > flag.start && s.type !== 'gap' && s.text !== s.original);
    return this.flagged.filter((flag) => !changed(flag)).sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Index of the next segment of type word/protected after `index` (skipping one gap), or -1. */
  nextToken(index: number): number {
    for (let i = index + 1; i < this.segments.length; i++) {
      if (this.segments[i]!.type !== 'gap') return i;
    }
    return -1;
  }

  previousToken(index: number): number {
    for (let i = index - 1; i >= 0; i--) {
      if (this.segments[i]!.type !== 'gap') return i;
    }
    return -1;
  }

  /** Current text between two token indices (exclusive), e.g. the gap `, ` between two words. */
  between(from: number, to: number): string {
    let text = '';
    for (let i = from + 1; i < to; i++) text += this.segments[i]!.text;
    return text;
  }

  text(): string {
    return this.segments.map((s) => s.text).join('');
  }

  edits(): EditSpan[] {
    const edits: (EditSpan & { group: number })[] = [];
    let open: (EditSpan & { group: number }) | undefined;
    for (const segment of this.segments) {
      if (segment.text === segment.original) {
        open = undefined;
        continue;
      }
      if (open !== undefined && open.group === segment.group && open.end === segment.start) {
        open.end = segment.end;
        open.original += segment.original;
        open.replacement += segment.text;
        continue;
      }
      open = {
        start: segment.start,
        end: segment.end,
        original: segment.original,
        replacement: segment.text,
        kind: segment.kind ?? 'other',
        message: segment.message ?? '',
        ...(segment.rule === undefined ? {} : { rule: segment.rule }),
        group: segment.group,
      };
      edits.push(open);
    }
    return edits.map(({ group: _group, ...edit }) => edit);
  }
}
