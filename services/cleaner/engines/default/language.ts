// A cheap language guess for the skip-gate: English when enough words are English function words or
// dictionary words; texts mostly in non-Latin scripts are not English.
import type { SpellDictionary } from './dictionary.ts';

// Function words that are distinctively English (not "a", "no", "in", "so": Spanish, German, Italian).
const STOP_WORDS = new Set(
  `the of and to is it you that he she was for are with they have this from had not but what were there
  when your how said which their would these her been than who about then them could should because
  people we my its our him very i'm don't it's there's can't`.split(/\s+/),
);

export interface LanguageGuess {
  language: string;
  supported: boolean;
}

export function detectLanguage(text: string, dictionary: SpellDictionary): LanguageGuess {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return { language: 'und', supported: true };
  const latin = letters.filter((ch) => /\p{Script=Latin}/u.test(ch)).length;
  if (latin / letters.length < 0.5) return { language: 'und', supported: false };
  const words = (text.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []).map((w) => w.toLowerCase().replace(/’/g, "'"));
  const stops = words.filter((w) => STOP_WORDS.has(w)).length;
  const known = words.filter((w) => dictionary.correct(w)).length;
  // short texts have few function words; long ones in another language still hit a few dictionary words
  const english = words.length <= 3 ? known >= Math.ceil(words.length / 2) : stops / words.length >= 0.12 || known / words.length >= 0.6;
  return english ? { language: 'en', supported: true } : { language: 'und', supported: false };
}
