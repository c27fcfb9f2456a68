// Fixed phrases learners get wrong in one way only, as data rows "wrong phrase=right phrase": a word
// too many ("despite of"), the wrong word ("could of"), a double comparative ("more better"), and the
// article that some phrases cannot do without ("as result" -> "as a result"), which is the one place
// a missing article is safe to put in.
import { wordSet } from '../lexicon/word-lists.ts';
import type { FixRow } from './rows.ts';

const PHRASES = `despite of=despite|discuss about=discuss|emphasize on=emphasize|could of=could have|would of=would have
  |should of=should have|must of=must have|in the other hand=on the other hand|each others=each other
  |more better=better|more worse=worse|more easier=easier|more bigger=bigger|more harder=harder
  |more stronger=stronger|more faster=faster|more higher=higher|more larger=larger|more smaller=smaller
  |more greater=greater|more cheaper=cheaper|more happier=happier|most biggest=biggest|most best=best
  |as result=as a result|in other hand=on the other hand|on other hand=on the other hand
  |at same time=at the same time|all over world=all over the world|in same way=in the same way
  |one of best=one of the best|one of most=one of the most|in long run=in the long run
  |am agree=agree|are agree=agree|am disagree=disagree|are disagree=disagree
  |more taller=taller|more older=older|more younger=younger|more longer=longer|more shorter=shorter
  |more closer=closer|more richer=richer|more safer=safer|more nicer=nicer
  |more healthier=healthier|more busier=busier|more wider=wider|more deeper=deeper|more smarter=smarter
  |look forward to meet=look forward to meeting|look forward to see=look forward to seeing
  |look forward to hear=look forward to hearing|look forward to visit=look forward to visiting
  |looking forward to meet=looking forward to meeting|looking forward to see=looking forward to seeing
  |looking forward to hear=looking forward to hearing|looking forward to visit=looking forward to visiting
  |am interesting in=am interested in|am exciting about=am excited about`;

interface Phrase {
  wrong: string[];
  right: string[];
  kind: 'grammar' | 'article';
}

const ROWS: Phrase[] = PHRASES.split('|').map((row) => {
  const [wrong, right] = row.trim().split('=') as [string, string];
  const words = right.split(' ');
  return {
    wrong: wrong.split(' '),
    right: words,
    kind: words.some((w) => /^(?:a|an|the)$/.test(w)) && !wrong.split(' ').includes('the') ? 'article' : 'grammar',
  };
});

/** Replacement texts for the phrase's tokens: the right words spread over the wrong ones, the rest emptied. */
function spread(phrase: Phrase): [number, string][] {
  const { wrong, right } = phrase;
  if (right.length >= wrong.length) {
    // the first tokens take one word each, the last takes the rest: "as result" -> "as" "a result"
    return wrong.map((_, i) => [i, i < wrong.length - 1 ? right[i]! : right.slice(i).join(' ')]);
  }
  // fewer words: the first tokens take them, the rest are taken out: "despite of" -> "despite" ""
  return wrong.map((_, i) => [i, right[i] ?? '']);
}

export const PHRASE_ROWS: readonly FixRow[] = ROWS.map(
  (phrase): FixRow => ({
    rule: `phrase.${phrase.wrong.join('_')}`,
    kind: phrase.kind,
    words: wordSet(phrase.wrong[0]!),
    message: `"${phrase.right.join(' ')}", not "${phrase.wrong.join(' ')}"`,
    apply: (ctx, k) => {
      const matches = phrase.wrong.every(
        (word, i) => ctx.view.lower(k + i) === word && (i === 0 || ctx.view.joined(k + i)),
      );
      return matches ? { fix: spread(phrase) } : undefined;
    },
  }),
);
