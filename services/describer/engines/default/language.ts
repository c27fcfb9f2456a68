// Cheap language identification: the dominant script settles most non-Latin languages; for Latin and
// Cyrillic text, the language whose function words make up the largest share of the words wins.
// Short or mixed texts fall back to "und" rather than guess.
import { STOP_WORDS } from './stop-words.ts';

const SCRIPT_LANGUAGES: ReadonlyArray<[RegExp, string]> = [
  [/\p{Script=Hiragana}|\p{Script=Katakana}/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Thai}/gu, 'th'],
];

const LETTER = /\p{L}/gu;
const LATIN_OR_CYRILLIC = /\p{Script=Latin}|\p{Script=Cyrillic}/gu;
// Below this share of function words a Latin text is as likely a list, code or an unknown language.
const MIN_STOP_WORD_SHARE = 0.12;
const MIN_WORDS = 3;

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** ISO 639-1 code of the text's language, or "und". `words` are the text's word-like segments. */
export function detectLanguage(text: string, words: readonly string[]): string {
  const letters = countMatches(text, LETTER);
  if (letters === 0) return 'und';
  // Japanese mixes Han with kana, so kana is checked before Han and needs only a small share.
  for (const [pattern, language] of SCRIPT_LANGUAGES) {
    const share = countMatches(text, pattern) / letters;
    if (share > (language === 'ja' ? 0.1 : 0.5)) return language;
  }
  if (countMatches(text, LATIN_OR_CYRILLIC) / letters < 0.5 || words.length < MIN_WORDS) return 'und';
  let best = 'und';
  let bestShare = MIN_STOP_WORD_SHARE;
  for (const [language, stopWords] of STOP_WORDS) {
    const hits = words.filter((word) => stopWords.has(word.toLowerCase())).length;
    const share = hits / words.length;
    if (share > bestShare) {
      best = language;
      bestShare = share;
    }
  }
  return best;
}
