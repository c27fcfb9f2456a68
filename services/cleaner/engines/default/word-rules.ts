// Rules on words: certain learner errors, spelling, repeated words, subject-verb agreement after
// he/she/it, a/an, and capitals. Each changes a word only when the fix holds in any context.
import type { SpellDictionary } from './dictionary.ts';
import { CERTAIN_FIXES, THIRD_PERSON } from './learner-errors.ts';
import type { SegmentedText } from './segments.ts';
import { correctSpelling, isCheckable } from './spelling.ts';

const ABBREVIATION = /^(?:etc|e\.g|i\.e|mr|mrs|ms|dr|st|vs|no|approx|fig)$/i;

/** Is the token at `index` the first word of a sentence (start of text, after . ! ? or a blank line)? */
export function isSentenceStart(doc: SegmentedText, index: number): boolean {
  const previous = doc.previousToken(index);
  const gap = doc.between(previous, index);
  if (previous === -1) return !/\p{L}/u.test(gap);
  if (/\n\s*\n/.test(gap)) return true;
  return /^["'”’)\]]*[.!?]+["'”’)\]]*\s+["'“‘([]*$/.test(gap) && !ABBREVIATION.test(doc.segments[previous]!.text);
}

function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] !== original[0]!.toLowerCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

function words(doc: SegmentedText): number[] {
  const indices: number[] = [];
  doc.segments.forEach((s, i) => {
    if (s.type === 'word') indices.push(i);
  });
  return indices;
}

export function fixCertainErrors(doc: SegmentedText): void {
  for (const i of words(doc)) {
    const text = doc.segments[i]!.text;
    const fix = CERTAIN_FIXES.get(text.toLowerCase().replace(/’/g, "'"));
    if (fix !== undefined && !/^[A-Z]{2,}$/.test(text))
      doc.rewrite(i, matchCase(text, fix), 'spelling', `common misspelling of "${fix}"`);
  }
}

export function fixSpelling(doc: SegmentedText, dictionary: SpellDictionary): void {
  const indices = words(doc);
  const textWords = new Set(
    indices.map((i) => doc.segments[i]!.text.toLowerCase()).filter((w) => dictionary.correct(w)),
  );
  for (const i of indices) {
    const segment = doc.segments[i]!;
    if (segment.text !== segment.original || !isCheckable(segment.text, isSentenceStart(doc, i))) continue;
    const fix = correctSpelling(segment.text, dictionary, { textWords });
    if (fix !== undefined) doc.rewrite(i, fix, 'spelling', `spelling: "${fix}"`);
  }
}

// Doubled words that can be right ("had had", "that that") or deliberate emphasis ("very very").
const LEGITIMATE_REPEATS = new Set([
  'had',
  'that',
  'is',
  'do',
  'very',
  'so',
  'really',
  'many',
  'much',
  'far',
  'more',
  'bye',
  'no',
  'ha',
  'well',
  'again',
  'yeah',
  'la',
  'knock',
  'pretty',
  'long',
  'little',
  'by',
  'one',
  'two',
  'step',
  'over',
  'out',
  'round',
  'on',
  'go',
]);

export function removeRepeatedWords(doc: SegmentedText): void {
  for (const i of words(doc)) {
    const next = doc.nextToken(i);
    if (next === -1 || doc.segments[next]!.type !== 'word' || doc.between(i, next) !== ' ') continue;
    const word = doc.segments[i]!.text;
    const lower = word.toLowerCase();
    if (lower !== doc.segments[next]!.text.toLowerCase() || !/^\p{L}+$/u.test(word) || LEGITIMATE_REPEATS.has(lower))
      continue;
    const group = doc.newGroup();
    doc.rewrite(next - 1, '', 'repeated_word', `repeated word "${word}"`, group);
    doc.rewrite(next, '', 'repeated_word', `repeated word "${word}"`, group);
  }
}

// Words before "she" that make the verb after it a bare infinitive: "does she go", "let it go".
const BARE_INFINITIVE_CONTEXT = new Set([
  'do',
  'does',
  'did',
  "doesn't",
  "didn't",
  'can',
  'could',
  'will',
  'would',
  'shall',
  'should',
  'may',
  'might',
  'must',
  'let',
  'lets',
  'make',
  'makes',
  'made',
  'help',
  'helps',
  'helped',
  'to',
  'see',
  'saw',
  'watch',
  'hear',
  'heard',
  'have',
  'had',
  'than',
  'and',
  'or',
]);

export function fixThirdPersonAgreement(doc: SegmentedText): void {
  for (const i of words(doc)) {
    if (!/^(?:he|she|it)$/i.test(doc.segments[i]!.text)) continue;
    const verb = doc.nextToken(i);
    if (verb === -1 || doc.segments[verb]!.type !== 'word' || doc.between(i, verb) !== ' ') continue;
    const previous = doc.previousToken(i);
    if (
      previous !== -1 &&
      doc.between(previous, i) === ' ' &&
      BARE_INFINITIVE_CONTEXT.has(doc.segments[previous]!.text.toLowerCase())
    )
      continue;
    const after = doc.nextToken(verb);
    // "it like that" (comparison) or a sentence ending right after the verb are not clear enough
    if (after === -1 || doc.between(verb, after) !== ' ') continue;
    const text = doc.segments[verb]!.text;
    const form = THIRD_PERSON.get(text.replace(/’/g, "'"));
    if (form !== undefined)
      doc.rewrite(
        verb,
        text.includes('’') ? form.replace(/'/g, '’') : form,
        'grammar',
        `agreement with "${doc.segments[i]!.text}"`,
      );
  }
}

// "I" takes the base form: "I has" -> "I have". Third-person forms come from the agreement table, plus
// the irregular ones it does not list as a base ("is").
const FIRST_PERSON = new Map<string, string>([
  ...[...THIRD_PERSON].map(([base, third]): [string, string] => [third, base]),
  ['is', 'am'],
]);

export function fixFirstPersonAgreement(doc: SegmentedText): void {
  for (const i of words(doc)) {
    if (doc.segments[i]!.text !== 'I') continue;
    const verb = doc.nextToken(i);
    if (verb === -1 || doc.segments[verb]!.type !== 'word' || doc.between(i, verb) !== ' ') continue;
    // "World War I is", "Henry I has", "Type I does": a capitalized word before "I" makes it a numeral.
    const previous = doc.previousToken(i);
    if (
      previous !== -1 &&
      doc.between(previous, i) === ' ' &&
      /^\p{Lu}/u.test(doc.segments[previous]!.text) &&
      !isSentenceStart(doc, previous)
    )
      continue;
    const text = doc.segments[verb]!.text;
    const form = FIRST_PERSON.get(text.replace(/’/g, "'"));
    if (form !== undefined)
      doc.rewrite(verb, text.includes('’') ? form.replace(/'/g, '’') : form, 'grammar', `agreement with "I"`);
  }
}

const CONSONANT_SOUND_VOWEL = /^(?:uni(?!n|mp|nt)|use|usu|usa|uti|ute|uto|ura|uri|eu|ewe|one$|one-|once|ouija|uk)/;
const VOWEL_SOUND_CONSONANT = /^(?:hour|honest|honou?r|heir|herb)/;

export function startsWithVowelSound(word: string): boolean {
  const lower = word.toLowerCase();
  if (VOWEL_SOUND_CONSONANT.test(lower)) return true;
  if (CONSONANT_SOUND_VOWEL.test(lower)) return false;
  return /^[aeiou]/.test(lower);
}

export function fixArticles(doc: SegmentedText): void {
  for (const i of words(doc)) {
    const article = doc.segments[i]!.text;
    if (!/^(?:a|an|A|An)$/.test(article)) continue;
    const next = doc.nextToken(i);
    if (next === -1 || doc.segments[next]!.type !== 'word' || doc.between(i, next) !== ' ') continue;
    const word = doc.segments[next]!.text;
    // acronyms ("an FBI agent"), numbers and single letters are read aloud in ways spelling can't tell
    if (!/^\p{L}{2,}/u.test(word) || /^\p{Lu}{2}/u.test(word)) continue;
    const wanted = startsWithVowelSound(word) ? 'an' : 'a';
    if (article.toLowerCase() !== wanted)
      doc.rewrite(i, matchCase(article, wanted), 'article', `"${wanted}" before "${word}"`);
  }
}

export function fixCapitalization(doc: SegmentedText): void {
  for (const i of words(doc)) {
    const text = doc.segments[i]!.text;
    if (/^i(?:['’](?:m|ll|ve|d))?$/.test(text)) {
      doc.rewrite(i, `I${text.slice(1)}`, 'capitalization', 'the pronoun "I" is capitalized');
    } else if (/^\p{Ll}+(?:['’-]\p{L}+)*$/u.test(text) && isSentenceStart(doc, i)) {
      doc.rewrite(
        i,
        text[0]!.toUpperCase() + text.slice(1),
        'capitalization',
        'capital letter at the start of a sentence',
      );
    }
  }
}
