// "a" or "an" by the sound of the next word: "a apple" -> "an apple", "an university" -> "a university".
import type { SegmentedText } from '../segments.ts';
import { matchCase, nextWordAfterSpace, wordIndices } from './sentence.ts';

const CONSONANT_SOUND_VOWEL = /^(?:uni(?!n|mp|nt)|use|usu|usa|uti|ute|uto|ura|uri|eu|ewe|one$|one-|once|ouija|uk)/;
const VOWEL_SOUND_CONSONANT = /^(?:hour|honest|honou?r|heir|herb)/;

export function startsWithVowelSound(word: string): boolean {
  const lower = word.toLowerCase();
  if (VOWEL_SOUND_CONSONANT.test(lower)) return true;
  if (CONSONANT_SOUND_VOWEL.test(lower)) return false;
  return /^[aeiou]/.test(lower);
}

export function fixArticles(doc: SegmentedText): void {
  for (const i of wordIndices(doc)) {
    const article = doc.segments[i]!.text;
    if (!/^(?:a|an|A|An)$/.test(article)) continue;
    const next = nextWordAfterSpace(doc, i);
    if (next === -1) continue;
    const word = doc.segments[next]!.text;
    // acronyms ("an FBI agent"), numbers and single letters are read aloud in ways spelling can't tell
    if (!/^\p{L}{2,}/u.test(word) || /^\p{Lu}{2}/u.test(word)) continue;
    const wanted = startsWithVowelSound(word) ? 'an' : 'a';
    if (article.toLowerCase() !== wanted)
      doc.rewrite(i, matchCase(article, wanted), {
        kind: 'article',
        message: `"${wanted}" before "${word}"`,
        rule: 'a_an',
      });
  }
}
