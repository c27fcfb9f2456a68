// The output guard of the LLM cleaner: a pure function from (input, raw model output) to the text to
// use, or a refusal. Untuned and lightly tuned models wrap the correction in chatter ("Sure! Here is
// the corrected text:", quotes, code fences, "Explanation: ..."); the guard strips what the input itself
// does not contain, then refuses outputs that are empty or rewrite too much of the input.
import { diffArrays } from 'diff';

export interface GuardOptions {
  /** Largest word-level edit ratio accepted (edited words / input words); default 0.5. */
  maxEditRatio?: number;
}

export const DEFAULT_MAX_EDIT_RATIO = 0.5;

/** What was removed from an accepted output; reported in metrics, not a fallback. */
export type GuardNote = 'code_fence_stripped' | 'preamble_stripped' | 'quotes_stripped' | 'explanation_stripped';

export type GuardDecision =
  | { accepted: true; text: string; editRatio: number; notes: GuardNote[] }
  | { accepted: false; reason: string; editRatio: number; notes: GuardNote[] };

const PREAMBLES: readonly RegExp[] = [
  /^(?:sure|certainly|of course|absolutely|okay|ok|alright)\b[^\n:]*?(?:[:!.]|$)\s*/i,
  /^here(?:'s| is| are)\b[^\n:]*:\s*/i,
  /^(?:the |your |a )?(?:corrected|fixed|revised|edited|cleaned|improved|proofread|paraphrased|rephrased|rewritten|reworded)(?: up)?(?: sentence| text| version| paragraph)?(?: is| reads)?\s*:\s*/i,
  /^(?:correction|corrected|fixed|output|answer|result|fix|paraphrase|paraphrased|rephrased|rewrite)\s*:\s*/i,
];

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['\u00ab', '\u00bb'],
  ['`', '`'],
];

const EXPLANATION_BLOCK = /\n\s*\n[\s\S]*$/;
const EXPLANATION_LINE =
  /\s*\n\s*(?:explanation|note|notes|changes|changes made|correction|corrections|reason)s?\s*:[\s\S]*$/i;
const TRAILING_REMARK = /\s*\((?:i |i'|note|changed|corrected|fixed|the |added|removed|replaced)[^()]*\)\s*$/i;

const WORD = /\S+/g;

function startsWithCaseless(text: string, prefix: string): boolean {
  return text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

const firstWord = (text: string): string => /^[\p{L}']+/u.exec(text)?.[0] ?? text.trim();

function stripCodeFence(text: string): string | null {
  const fenced = /^```[\w-]*[ \t]*\n?([\s\S]*?)\n?```$/.exec(text);
  return fenced ? fenced[1]!.trim() : null;
}

function stripPreamble(text: string, input: string): string | null {
  for (const pattern of PREAMBLES) {
    const match = pattern.exec(text);
    // "Sure, I'll come." is a sentence to correct, not chatter, when the input starts the same way.
    if (match && !startsWithCaseless(input, firstWord(match[0]))) {
      return text.slice(match[0].length).trim();
    }
  }
  return null;
}

function stripQuotes(text: string, input: string): string | null {
  for (const [open, close] of QUOTE_PAIRS) {
    if (
      text.length >= open.length + close.length &&
      text.startsWith(open) &&
      text.endsWith(close) &&
      !(input.startsWith(open) && input.endsWith(close))
    ) {
      const inner = text.slice(open.length, -close.length);
      // Quotes inside the text ("He said "no"") are part of it; only one outer pair is chatter.
      if (open !== close || !inner.includes(open)) return inner.trim();
    }
  }
  return null;
}

function stripExplanation(text: string, input: string): string | null {
  let result = text;
  if (!/\n\s*\n/.test(input)) result = result.replace(EXPLANATION_BLOCK, '');
  if (!input.includes('\n')) result = result.replace(EXPLANATION_LINE, '');
  if (!TRAILING_REMARK.test(input)) result = result.replace(TRAILING_REMARK, '');
  result = result.trim();
  return result !== text ? result : null;
}

/** Edited words (substituted, inserted or dropped) per input word, by a word-level diff. */
export function wordEditRatio(input: string, output: string): number {
  const before = input.match(WORD) ?? [];
  const after = output.match(WORD) ?? [];
  let edited = 0;
  let removed = 0;
  let added = 0;
  for (const change of diffArrays(before, after)) {
    if (change.removed) removed += change.count;
    else if (change.added) added += change.count;
    else {
      edited += Math.max(removed, added);
      removed = 0;
      added = 0;
    }
  }
  edited += Math.max(removed, added);
  return edited / Math.max(before.length, 1);
}

export function guardOutput(input: string, rawOutput: string, options: GuardOptions = {}): GuardDecision {
  const maxEditRatio = options.maxEditRatio ?? DEFAULT_MAX_EDIT_RATIO;
  const core = input.trim();
  const notes: GuardNote[] = [];
  let text = rawOutput.trim();
  // Wrappers nest ("Sure! Here it is:\n```\n"...."\n```"): peel until nothing changes.
  for (let changed = true; changed && text.length > 0; ) {
    changed = false;
    const steps: Array<[GuardNote, (t: string, i: string) => string | null]> = [
      ['code_fence_stripped', (t) => stripCodeFence(t)],
      ['preamble_stripped', stripPreamble],
      ['quotes_stripped', stripQuotes],
      ['explanation_stripped', stripExplanation],
    ];
    for (const [note, strip] of steps) {
      const stripped = strip(text, core);
      if (stripped !== null) {
        text = stripped;
        if (!notes.includes(note)) notes.push(note);
        changed = true;
      }
    }
  }
  // A one-line input gets a one-line answer; what follows the first line is commentary.
  if (!core.includes('\n') && text.includes('\n')) {
    text = text.split('\n')[0]!.trim();
    if (!notes.includes('explanation_stripped')) notes.push('explanation_stripped');
  }
  if (text.length === 0) return { accepted: false, reason: 'empty_output', editRatio: 1, notes };
  const editRatio = wordEditRatio(core, text);
  if (editRatio > maxEditRatio) {
    return { accepted: false, reason: `edit_ratio ${editRatio.toFixed(2)} > ${maxEditRatio}`, editRatio, notes };
  }
  // The model saw the trimmed input; the caller's surrounding whitespace is not the model's to change.
  const leading = /^\s*/.exec(input)![0];
  const trailing = /\s*$/.exec(input.slice(leading.length))![0];
  return { accepted: true, text: leading + text + trailing, editRatio, notes };
}
