// Cheap language identification: the dominant script settles most non-Latin languages; for Latin and
// Cyrillic text, the language whose function words make up the largest share of the words wins.
// Short or mixed texts fall back to "und" rather than guess. Shared by the cleaner (which language it
// may correct) and the describer (the language it reports).
import { STOP_WORDS } from './stop-words.ts';

/** ISO 639-2 "undetermined": too short, mixed, or no known language. */
export const UNDETERMINED_LANGUAGE = 'und';

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

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** Letter runs with inner apostrophes ("don't"): the words `detectLanguage` compares with its lists. */
export function languageWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Share of the letters that are Latin script (0 when there are none). */
export function latinShare(text: string): number {
  const letters = countMatches(text, LETTER);
  return letters === 0 ? 0 : countMatches(text, /\p{Script=Latin}/gu) / letters;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * ISO 639-1 code of the text's language, or "und". `words` are the text's word-like segments
 * (default: `languageWords(text)`).
 */
export function detectLanguage(text: string, words: readonly string[] = languageWords(text)): string {
  const letters = countMatches(text, LETTER);
  if (letters === 0) return UNDETERMINED_LANGUAGE;
  // Japanese mixes Han with kana, so kana is checked before Han and needs only a small share.
  for (const [pattern, language] of SCRIPT_LANGUAGES) {
    const share = countMatches(text, pattern) / letters;
    if (share > (language === 'ja' ? 0.1 : 0.5)) return language;
  }
  if (countMatches(text, LATIN_OR_CYRILLIC) / letters < 0.5 || words.length < MIN_WORDS) return UNDETERMINED_LANGUAGE;
  let best = UNDETERMINED_LANGUAGE;
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
