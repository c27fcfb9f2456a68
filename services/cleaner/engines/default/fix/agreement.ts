// Subject-verb agreement after a pronoun, for the verbs of THIRD_PERSON_FORMS only: "she go" ->
// "she goes", "I has" -> "I have". Each rule steps back where the pronoun's verb may rightly be bare.
import type { SegmentedText } from '../segments.ts';
import { BARE_INFINITIVE_CONTEXT, THIRD_PERSON_FORMS } from '../lexicon/word-lists.ts';
import {
  isSentenceStart,
  nextWordAfterSpace,
  previousTokenBeforeSpace,
  wordIndices,
  withApostropheOf,
} from './sentence.ts';

export function fixThirdPersonAgreement(doc: SegmentedText): void {
  for (const i of wordIndices(doc)) {
    if (!/^(?:he|she|it)$/i.test(doc.segments[i]!.text)) continue;
    const verb = nextWordAfterSpace(doc, i);
    if (verb === -1) continue;
    const previous = previousTokenBeforeSpace(doc, i);
    if (previous !== -1 && BARE_INFINITIVE_CONTEXT.has(doc.segments[previous]!.text.toLowerCase())) continue;
    const after = doc.nextToken(verb);
    // "it like that" (comparison) or a sentence ending right after the verb are not clear enough
    if (after === -1 || doc.between(verb, after) !== ' ') continue;
    const text = doc.segments[verb]!.text;
    const form = THIRD_PERSON_FORMS.get(text.replace(/’/g, "'"));
    if (form !== undefined)
      doc.rewrite(verb, withApostropheOf(text, form), {
        kind: 'grammar',
        message: `agreement with "${doc.segments[i]!.text}"`,
        rule: 'agreement.third_person',
      });
  }
}

// "I" takes the base form: "I has" -> "I have". Third-person forms come from the agreement table, plus
// the irregular ones it does not list as a base ("is").
const FIRST_PERSON = new Map<string, string>([
  ...[...THIRD_PERSON_FORMS].map(([base, third]): [string, string] => [third, base]),
  ['is', 'am'],
]);

export function fixFirstPersonAgreement(doc: SegmentedText): void {
  for (const i of wordIndices(doc)) {
    if (doc.segments[i]!.text !== 'I') continue;
    const verb = nextWordAfterSpace(doc, i);
    if (verb === -1) continue;
    // "World War I is", "Henry I has", "Type I does": a capitalized word before "I" makes it a numeral.
    const previous = previousTokenBeforeSpace(doc, i);
    if (previous !== -1 && /^\p{Lu}/u.test(doc.segments[previous]!.text) && !isSentenceStart(doc, previous)) continue;
    const text = doc.segments[verb]!.text;
    const form = FIRST_PERSON.get(text.replace(/’/g, "'"));
    if (form !== undefined)
      doc.rewrite(verb, withApostropheOf(text, form), {
        kind: 'grammar',
        message: 'agreement with "I"',
        rule: 'agreement.first_person',
      });
  }
}
