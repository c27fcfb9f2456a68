// The language-model pass: for each word the rows of lm-families.ts allow, the candidate words are
// scored by the word trigram model on the trigrams they touch, and the single best change of each
// sentence is made when it beats the text as written by its row's margin; then again on the new
// sentence, a few times at most. Names, numbers, quoted text and words changed before (by another
// fixer or by this pass) are never touched. Without the model the pass does nothing.
import type { NgramModel } from '../check/ngram-model.ts';
import type { SegmentedText } from '../segments.ts';
import { type CandidateContext, type CandidateFamily, LM_FAMILIES } from './lm-families.ts';
import { modelSlots, SentenceScorer, type Slot } from './lm-sentence.ts';
import { matchCase, withApostropheOf } from './sentence.ts';
import { WordView } from './word-view.ts';

/** Edits per sentence at most: the pass corrects a few words, it never rewrites a sentence. */
const MAX_EDITS = 3;

interface Choice {
  family: CandidateFamily;
  word: string;
  /** The candidate's model id, and the slot and view token it goes to. */
  id: number;
  at: number;
  token: number;
  score: number;
}

const OPENING_QUOTES = /["“]/g;

/** Tokens the pass may change: plain words, outside quotes, not changed before. */
function editableTokens(doc: SegmentedText, view: WordView, ctx: CandidateContext): boolean[] {
  let quoted = false;
  return view.tokens.map((token, k) => {
    for (const quote of token.gapBefore.match(OPENING_QUOTES) ?? []) quoted = quote === '“' ? true : !quoted;
    if (token.gapBefore.includes('”')) quoted = false;
    const segment = doc.segments[token.index]!;
    // a word changed before, by another fixer or by this pass, stays as it is now
    if (!token.isWord || quoted || segment.text !== segment.original) return false;
    if (/^[\p{Ll}'’-]+$/u.test(token.text)) return true;
    // a capital at the start of a sentence is no name when the dictionary knows the word in lower case
    return /^\p{Lu}[\p{Ll}'’-]*$/u.test(token.text) && view.startsSentence(k) && ctx.dictionary.correct(token.lower);
  });
}

/**
 * Can the model judge a change of slot `at`? The word after it must be a known word of the same
 * clause, or the sentence's end; the word before it known too, or the clause start. A word the model
 * lacks next to it would cut the history and leave the change judged on its own word alone.
 */
function judged(slots: readonly Slot[], at: number, unknown: number): boolean {
  const slot = slots[at]!;
  if (!(slot.cut || (at > 0 && slots[at - 1]!.id !== unknown))) return false;
  const next = slots[at + 1];
  return slot.end || (next !== undefined && !next.cut && next.id !== unknown);
}

/** The best change of slots [from, to) that beats its row's margin, if any. */
function bestEdit(scorer: SentenceScorer, from: number, to: number, pass: Pass): Choice | undefined {
  const { model, slots, ctx, editable } = pass;
  let best: Choice | undefined;
  for (let at = from; at < to; at++) {
    const slot = slots[at]!;
    if (!slot.whole || !editable[slot.token] || slot.id === model.unknown || !judged(slots, at, model.unknown))
      continue;
    const word = ctx.view.lower(slot.token);
    let asWritten: number | undefined;
    for (const family of LM_FAMILIES) {
      if (family.words !== undefined && !family.words.has(word)) continue;
      for (const candidate of family.candidates(ctx, slot.token)) {
        const id = model.wordId(candidate);
        if (id === model.unknown) continue;
        asWritten ??= scorer.window(at, slot.id);
        // what the candidate must reach to beat the margin and the best change so far
        const floor = asWritten + family.margin + Math.max(0, best?.score ?? 0);
        const score = scorer.window(at, id, floor) - asWritten - family.margin;
        if (score > 0 && (best === undefined || score > best.score))
          best = { family, word: candidate, id, at, token: slot.token, score };
      }
    }
  }
  return best;
}

interface Pass {
  model: NgramModel;
  slots: Slot[];
  ctx: CandidateContext;
  editable: boolean[];
}

/** Makes the change in the text and in the pass's own view of it (one word for one: tokens stay put). */
function apply(doc: SegmentedText, pass: Pass, choice: Choice): void {
  const token = pass.ctx.view.tokens[choice.token]!;
  const { kind, message, rule } = choice.family;
  const text = withApostropheOf(token.text, matchCase(token.text, choice.word));
  doc.rewrite(token.index, text, { kind, message, rule });
  token.text = text;
  token.lower = choice.word;
  pass.slots[choice.at]!.id = choice.id;
  pass.editable[choice.token] = false;
}

export function fixWithLanguageModel(
  doc: SegmentedText,
  model: NgramModel | undefined,
  lexicon: Omit<CandidateContext, 'view'>,
): void {
  if (model === undefined) return;
  const view = new WordView(doc);
  const ctx: CandidateContext = { view, ...lexicon };
  const pass: Pass = { model, slots: modelSlots(view, model), ctx, editable: editableTokens(doc, view, ctx) };
  const scorer = new SentenceScorer(model, pass.slots);
  // sentence by sentence: a change is judged within its sentence, and each sentence gets its few edits
  for (let from = 0; from < pass.slots.length; ) {
    let to = from;
    // a text may end on a protected token ("see https://x.io"): its last word then ends no sentence
    while (to < pass.slots.length - 1 && !pass.slots[to]!.end) to++;
    to++;
    for (let edits = 0; edits < MAX_EDITS; edits++) {
      const choice = bestEdit(scorer, from, to, pass);
      if (choice === undefined) break;
      apply(doc, pass, choice);
    }
    from = to;
  }
}
