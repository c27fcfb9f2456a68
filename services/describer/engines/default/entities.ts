// All entities of a text with UTF-16 offsets: the pattern kinds (entity-patterns.ts) plus names, which
// are runs of capitalized words. A capitalized word opening a sentence is usually just capitalized, so a
// single-word run there is dropped; runs are then typed by a suffix or a small gazetteer.
import { type EntitySpan, findDates, findEmails, findNumbers, findUrls } from './entity-patterns.ts';
import type { Sentence, Word } from './segmentation.ts';
import type { SpanIndex } from './span-index.ts';
import { isStopWord } from '../../../shared/language/index.ts';

export type { EntitySpan };

const PRIORITY: Record<string, number> = { email: 0, url: 1, date: 2, number: 3 };

const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sir', 'Madam', 'Herr', 'Frau', 'Mme', 'M']);
const CONNECTORS = new Set(['of', 'de', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'del', 'da', 'di']);
const NOT_NAMES = new Set([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Hello',
  'Hi',
  'Hey',
  'Dear',
  'Thanks',
  'Regards',
  'Best',
  'Sincerely',
  'Cheers',
  'Yes',
  'No',
  'Ok',
  'Okay',
  'Please',
]);
// Capitalized only because they open a sentence: stripped from the front of a run ("Yesterday Maria").
const OPENERS = new Set([
  'Yesterday',
  'Today',
  'Tomorrow',
  'However',
  'Unfortunately',
  'Recently',
  'Meanwhile',
  'Finally',
  'Sadly',
  'Luckily',
  'Apparently',
  'Maybe',
  'Perhaps',
  'Also',
  'Again',
  'Still',
  'Last',
  'Next',
  'Every',
  'Our',
  'Your',
]);
const ORGANIZATION_WORDS = new Set([
  'Inc',
  'Ltd',
  'LLC',
  'GmbH',
  'AG',
  'SA',
  'Corp',
  'Corporation',
  'Company',
  'Co',
  'plc',
  'Bank',
  'University',
  'Group',
  'Foundation',
  'Institute',
  'Agency',
  'Ministry',
  'Association',
  'Department',
  'Council',
  'Airlines',
]);
const LOCATIONS = new Set([
  'London',
  'Paris',
  'Berlin',
  'Madrid',
  'Rome',
  'Vienna',
  'Amsterdam',
  'Brussels',
  'Zurich',
  'Geneva',
  'Munich',
  'Hamburg',
  'Dublin',
  'Lisbon',
  'Prague',
  'Warsaw',
  'Stockholm',
  'Oslo',
  'Copenhagen',
  'Helsinki',
  'Moscow',
  'Tokyo',
  'Beijing',
  'Shanghai',
  'Delhi',
  'Mumbai',
  'Singapore',
  'Sydney',
  'Toronto',
  'Chicago',
  'Boston',
  'Seattle',
  'New York',
  'Los Angeles',
  'San Francisco',
  'Washington',
  'England',
  'France',
  'Germany',
  'Spain',
  'Italy',
  'Austria',
  'Switzerland',
  'Netherlands',
  'Belgium',
  'Ireland',
  'Portugal',
  'Poland',
  'Sweden',
  'Norway',
  'Denmark',
  'Finland',
  'Russia',
  'China',
  'Japan',
  'India',
  'Canada',
  'Mexico',
  'Brazil',
  'Australia',
  'Europe',
  'Asia',
  'Africa',
  'America',
  'United States',
  'United Kingdom',
  'California',
  'Texas',
]);

function isCapitalized(word: string): boolean {
  // All-caps words are mostly shouting or acronyms ("URGENT", "ASAP"), not names.
  return /^\p{Lu}/u.test(word) && !(word.length > 1 && word === word.toUpperCase());
}

function isLeadingFiller(word: string): boolean {
  return NOT_NAMES.has(word) || OPENERS.has(word) || (isStopWord(word) && !TITLES.has(word));
}

function classify(words: readonly Word[]): EntitySpan['type'] {
  if (words.some((w) => ORGANIZATION_WORDS.has(w.text))) return 'organization';
  const phrase = words.map((w) => w.text).join(' ');
  if (LOCATIONS.has(phrase)) return 'location';
  return 'person_or_name';
}

/** Runs of capitalized words, joined by spaces, hyphens, connectors ("Bank of America") or a title's period. */
function capitalizedRuns(text: string, words: readonly Word[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const flush = (): void => {
    while (run.length > 0 && CONNECTORS.has(run.at(-1)!.text)) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const word of words) {
    const previous = run.at(-1);
    const gap = previous ? text.slice(previous.end, word.start) : '';
    const joined =
      previous !== undefined && (gap === ' ' || gap === '-' || (gap === '. ' && TITLES.has(previous.text)));
    if (!joined) flush();
    if (isCapitalized(word.text) || (run.length > 0 && CONNECTORS.has(word.text))) run.push(word);
    else flush();
  }
  flush();
  return runs;
}

// German capitalizes every noun, so there a lone capitalized word says nothing about being a name.
const MULTI_WORD_NAMES_ONLY = new Set(['de']);

function findNames(
  text: string,
  words: readonly Word[],
  sentences: readonly Sentence[],
  language: string,
): EntitySpan[] {
  // The first word of each sentence, wherever it sits after leading quotes, emoji or bullets.
  const sentenceStarts = new Set<number>();
  let next = 0;
  for (const sentence of sentences) {
    while (next < words.length && words[next]!.start < sentence.start) next++;
    const first = words[next];
    if (first && first.end <= sentence.end) sentenceStarts.add(first.start);
  }
  const names: EntitySpan[] = [];
  for (const run of capitalizedRuns(text, words)) {
    const atSentenceStart = sentenceStarts.has(run[0]!.start);
    let first = 0;
    while (first < run.length && isLeadingFiller(run[first]!.text)) first++;
    const kept = run.slice(first).filter((w) => !NOT_NAMES.has(w.text) || CONNECTORS.has(w.text));
    if (kept.length === 0 || kept.length !== run.length - first) continue;
    if (atSentenceStart && first === 0 && kept.length === 1) continue;
    if (
      kept.length === 1 &&
      (kept[0]!.text.length === 1 || TITLES.has(kept[0]!.text) || MULTI_WORD_NAMES_ONLY.has(language))
    )
      continue;
    const start = kept[0]!.start;
    const end = kept.at(-1)!.end;
    const type = TITLES.has(kept[0]!.text) ? 'person_or_name' : classify(kept);
    names.push({ type, text: text.slice(start, end), start, end });
  }
  return names;
}

/** Emails, URLs, dates and numbers; the spans sentence splitting must not cut through. */
export function findPatternEntities(text: string): EntitySpan[] {
  const all = [...findEmails(text), ...findUrls(text), ...findDates(text), ...findNumbers(text)];
  // Longest first, so "12 March 2024" beats the number "12" and a URL beats the email inside it.
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.type]! - PRIORITY[b.type]! || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const kept: EntitySpan[] = [];
  for (const span of all) {
    if (taken.subarray(span.start, span.end).includes(1)) continue;
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every entity in text order, none overlapping another. */
export function findEntities(
  text: string,
  words: readonly Word[],
  sentences: readonly Sentence[],
  patterns: readonly EntitySpan[],
  patternIndex: SpanIndex,
  language: string,
): EntitySpan[] {
  const names = findNames(text, words, sentences, language).filter(
    (name) => !patternIndex.touches(name.start, name.end),
  );
  return [...patterns, ...names].sort((a, b) => a.start - b.start);
}
