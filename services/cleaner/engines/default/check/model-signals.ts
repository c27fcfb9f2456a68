// Signals from the word trigram model (ngram-model.ts): an article the model finds far likelier
// gone ("perform well in the tests", "attractive to the advertisements"). Learners overuse "the"
// with generic plurals and abstract nouns, and Link Grammar accepts the article either way.
//
// The model compares the article's own probability and the next two words' with the words' probability
// without it. Of the alternatives tried, only this one fired clearly more often on learner sentences
// than on their corrections:
// - rarity alone (a bigram the model lacks, a low mean log-odds): corrected learner text keeps the
//   learner's unusual words, so such scores fire about as often on the corrections as on the sources;
// - other single-word alternatives (noun or verb number, tense, -ing forms, another preposition, an
//   article put in): a trigram model prefers the present tense and frequent phrasing whatever the
//   sentence means, so these fire on sound corrections as often as on errors.
import type { NgramModel } from './ngram-model.ts';
import type { Finding } from './signal-types.ts';
import type { Token } from './tokens.ts';

/**
 * log10 margin by which the text without the article must be likelier (1.5: about 30 times). A lower
 * margin flags more corrections without catching more errors; a higher one misses errors.
 */
export const NEEDLESS_ARTICLE_MARGIN = 1.5;

const ARTICLES = new Set(['the', 'a', 'an']);
const SENTENCE_END = /^[.!?]$/;

/** Model word ids along the tokens: a sentence end becomes </s> <s>; punctuation and numbers cut the history. */
function wordIds(tokens: readonly Token[], model: NgramModel): { ids: number[]; at: number[] } {
  const start = model.wordId('<s>');
  const end = model.wordId('</s>');
  const ids = [start];
  const at = [-1];
  tokens.forEach((token, i) => {
    if (token.kind === 'punct' && SENTENCE_END.test(token.text)) {
      ids.push(end, start);
      at.push(-1, -1);
      return;
    }
    ids.push(token.kind === 'word' ? model.wordId(token.lower) : model.unknown);
    at.push(i);
  });
  if (ids.at(-1) !== start) ids.push(end);
  return { ids, at };
}

function windowLogProb(model: NgramModel, ids: readonly number[], from: number, to: number, start: number): number {
  let sum = 0;
  for (let k = from; k <= Math.min(to, ids.length - 1); k++) {
    const word = ids[k]!;
    if (word === model.unknown || word === start) continue;
    sum += model.logProb(word, ids[k - 1] ?? model.unknown, ids[k - 2] ?? model.unknown);
  }
  return sum;
}

export function findModelSignals(tokens: readonly Token[], model: NgramModel): Finding[] {
  const findings: Finding[] = [];
  const { ids, at } = wordIds(tokens, model);
  const start = model.wordId('<s>');
  for (let k = 1; k < ids.length - 1; k++) {
    const index = at[k]!;
    const article = tokens[index];
    const next = tokens[index + 1];
    if (index < 0 || article === undefined || !ARTICLES.has(article.lower)) continue;
    if (next?.kind !== 'word' || ids[k + 1] === model.unknown) continue;
    const kept = windowLogProb(model, ids, k, k + 2, start);
    const without = [...ids.slice(0, k), ...ids.slice(k + 1)];
    const dropped = windowLogProb(model, without, k, k + 1, start);
    if (dropped - kept > NEEDLESS_ARTICLE_MARGIN) {
      findings.push({
        signal: 'needless_article',
        start: article.start,
        end: next.end,
        message: `"${article.text} ${next.text}": likelier without "${article.text}"`,
      });
    }
  }
  return findings;
}
