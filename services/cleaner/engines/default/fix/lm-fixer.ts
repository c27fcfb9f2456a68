// The language-model pass: for each word the rows of lm-families.ts allow, the candidate edits are
// scored by the word trigram model on the trigrams they touch, and the single best edit of the text is
// made when it beats the text as written by its row's margin; then again on the new text, a few times
// at most. Names, numbers, quoted text and words another fixer changed are never touched, and a word
// this pass changed is not changed again. Without the model the pass does nothing.
import type { NgramModel } from '../check/ngram-model.ts';
import type { SegmentedText } from '../segments.ts';
import type { FixContext } from './fixers.ts';
import { type Candidate, type CandidateContext, type CandidateFamily, LM_FAMILIES } from './lm-families.ts';
import { modelSlots, SentenceScorer, type Slot } from './lm-sentence.ts';
import { removeSpaceNextTo } from './rows.ts';
import { matchCase, withApostropheOf } from './sentence.ts';
import { WordView } from './word-view.ts';

/** Edits per text at most: the pass corrects a few words, it never rewrites a sentence. */
const MAX_EDITS = 3;

interface Choice {
  family: CandidateFamily;
  candidate: Candidate;
  token: number;
  score: number;
}

const OPENING_QUOTES = /["“]/g;

/** Tokens the pass may change or put a word before: plain words, outside quotes, not changed before. */
function editableTokens(doc: SegmentedText, view: WordView, ctx: CandidateContext, locked: Set<number>): boolean[] {
  let quoted = false;
  return view.tokens.map((token, k) => {
    for (const quote of token.gapBefore.match(OPENING_QUOTES) ?? []) quoted = quote === '“' ? true : !quoted;
    if (token.gapBefore.includes('”')) quoted = false;
    const segment = doc.segments[token.index]!;
    if (!token.isWord || quoted || locked.has(token.index) || segment.text !== segment.original) return false;
    if (/^[\p{Ll}'’-]+$/u.test(token.text)) return true;
    // a capital at the start of a sentence is no name when the dictionary knows the word in lower case
    return /^\p{Lu}[\p{Ll}'’-]*$/u.test(token.text) && view.startsSentence(k) && ctx.dictionary.correct(token.lower);
  });
}

/**
 * Can the model judge the edit? The word after it must be a known word of the same clause (an edit
 * with nothing after it is scored on its own words alone, which favours dropping words), and the word
 * before it known too, or the clause start. A deletion keeps a clause's first and a sentence's last
 * word: the start and end symbols would favour any shorter clause.
 */
function judged(slots: readonly Slot[], at: number, candidate: Candidate, unknown: number): boolean {
  const slot = slots[at]!;
  if (!(slot.cut || (at > 0 && slots[at - 1]!.id !== unknown))) return false;
  // an insertion is judged by the word it goes before (a known word, or there would be no candidate)
  if (candidate.remove === 0) return true;
  if (candidate.words.length === 0) {
    const next = slots[at + 1];
    return !slot.cut && !slot.end && next !== undefined && !next.cut && next.id !== unknown;
  }
  // a replacement at the end of a sentence is judged by the end symbol
  const next = slots[at + 1];
  return slot.end || (next !== undefined && !next.cut && next.id !== unknown);
}

function bestEdit(
  model: NgramModel,
  slots: readonly Slot[],
  ctx: CandidateContext,
  editable: boolean[],
): Choice | undefined {
  const scorer = new SentenceScorer(model, slots);
  let best: Choice | undefined;
  slots.forEach((slot, at) => {
    if (!slot.whole || !editable[slot.token] || slot.id === model.unknown) return;
    const word = ctx.view.lower(slot.token);
    for (const family of LM_FAMILIES) {
      if (family.words !== undefined && !family.words.has(word)) continue;
      for (const candidate of family.candidates(ctx, slot.token)) {
        if (!judged(slots, at, candidate, model.unknown)) continue;
        const ids = candidate.words.map((w) => model.wordId(w));
        if (ids.some((id) => id === model.unknown)) continue;
        const score = scorer.gain({ at, remove: candidate.remove, words: ids }) - family.margin;
        if (score > 0 && (best === undefined || score > best.score))
          best = { family, candidate, token: slot.token, score };
      }
    }
  });
  return best;
}

function apply(doc: SegmentedText, view: WordView, choice: Choice): number {
  const { family, candidate } = choice;
  const token = view.tokens[choice.token]!;
  const change = { kind: family.kind, message: family.message, rule: family.rule };
  const group = doc.newGroup();
  const startsSentence = view.startsSentence(choice.token);
  const capital = startsSentence && token.text !== token.lower;
  if (candidate.remove === 0) {
    // a word put before: the sentence's capital moves to it
    const words = candidate.words.join(' ');
    const own = capital ? token.text[0]!.toLowerCase() + token.text.slice(1) : token.text;
    doc.rewrite(token.index, `${capital ? matchCase(token.text, words) : words} ${own}`, change, group);
    return token.index;
  }
  if (candidate.words.length === 0) {
    doc.rewrite(token.index, '', change, group);
    removeSpaceNextTo(doc, token.index, false, change, group);
    const next = view.tokens[choice.token + 1];
    if (capital && next?.isWord && next.text === next.lower)
      doc.rewrite(next.index, next.text[0]!.toUpperCase() + next.text.slice(1), change, group);
    return token.index;
  }
  doc.rewrite(
    token.index,
    withApostropheOf(token.text, matchCase(token.text, candidate.words.join(' '))),
    change,
    group,
  );
  return token.index;
}

export function fixWithLanguageModel(doc: SegmentedText, context: FixContext): void {
  const model = context.languageModel;
  if (model === undefined) return;
  const locked = new Set<number>();
  for (let round = 0; round < MAX_EDITS; round++) {
    const view = new WordView(doc);
    const ctx: CandidateContext = { view, words: context.words, dictionary: context.dictionary };
    const choice = bestEdit(model, modelSlots(view, model), ctx, editableTokens(doc, view, ctx, locked));
    if (choice === undefined) return;
    locked.add(apply(doc, view, choice));
  }
}
