// Which language a text is in, and whether this English engine may correct it. The shared identifier
// (function-word shares, scripts) names the language; when it cannot tell ("und": short texts, few
// function words) the dictionary decides whether the words look English. Undetermined Latin-script
// text is still corrected: the rules only change what they are sure of, and skipping a short English
// sentence ("Scool evry day.") would skip real errors.
import { UNDETERMINED_LANGUAGE, detectLanguage, languageWords, latinShare } from '../../../shared/language/index.ts';
import type { SpellDictionary } from './lexicon/dictionary.ts';

export interface LanguageGuess {
  language: string;
  supported: boolean;
}

const ENGLISH = 'en';
// Share of dictionary words above which an undetermined text is taken for English.
const MIN_KNOWN_SHARE = 0.5;

export function isEnglishCode(code: string): boolean {
  return /^en(?:[-_]|$)/i.test(code);
}

export function identifyLanguage(text: string, dictionary: SpellDictionary): LanguageGuess {
  const words = languageWords(text);
  const detected = detectLanguage(text, words);
  if (detected !== UNDETERMINED_LANGUAGE) return { language: detected, supported: isEnglishCode(detected) };
  // no letters (numbers, emoji) or a script English is not written in: nothing this engine can judge
  if (words.length === 0) return { language: UNDETERMINED_LANGUAGE, supported: true };
  if (latinShare(text) < 0.5) return { language: UNDETERMINED_LANGUAGE, supported: false };
  const known = words.filter((word) => dictionary.correct(word) || dictionary.correct(word.toLowerCase())).length;
  if (known / words.length >= MIN_KNOWN_SHARE) return { language: ENGLISH, supported: true };
  return { language: UNDETERMINED_LANGUAGE, supported: true };
}
