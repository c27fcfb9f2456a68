// Word combinations learners use where English has another, as data rows: "discuss about" (discuss),
// "could of" (could have), "more better" (better). Each row names the phrase, the signal it raises
// and the message; the detector matches the rows' words in order.
import type { Detector, SignalName } from './signal-types.ts';

interface PhraseRow {
  /** Lower-case words, space-separated. */
  readonly phrase: string;
  readonly signal: Extract<SignalName, 'collocation' | 'comparative'>;
  readonly message: string;
}

/** "wrong phrase=right phrase" rows. */
const COLLOCATIONS = `despite of=despite|discuss about=discuss|emphasize on=emphasize|return back=return
  |explain about=explain|mention about=mention|cope up=cope with|according to me=in my opinion|could of=could have
  |would of=would have|should of=should have|in the other hand=on the other hand|more better=better
  |more easier=easier|most biggest=biggest|each others=each other|the most of=most of|enter into=enter|reach to=reach`;

/** Comparatives that "more" doubles: "more bigger". */
const COMPARATIVES = `better worse bigger easier stronger harder faster higher larger smaller greater happier cheaper
  older younger longer richer safer simpler`;

export const PHRASES: readonly PhraseRow[] = [
  ...COLLOCATIONS.split('|').map((row): PhraseRow => {
    const [phrase, better] = row.trim().split('=') as [string, string];
    return { phrase, signal: 'collocation', message: `"${phrase}": "${better}"?` };
  }),
  ...COMPARATIVES.trim()
    .split(/\s+/)
    .map((word): PhraseRow => ({ phrase: `more ${word}`, signal: 'comparative', message: 'double comparative' })),
];

const PHRASE_WORDS = PHRASES.map((row) => row.phrase.split(' '));

export const phrases: Detector = ({ tokens }, found) => {
  const lowers = tokens.map((t) => t.lower);
  tokens.forEach((token, i) => {
    PHRASES.forEach((row, r) => {
      const parts = PHRASE_WORDS[r]!;
      if (parts.every((part, k) => lowers[i + k] === part))
        found(row.signal, token, tokens[i + parts.length - 1]!, row.message);
    });
  });
};
