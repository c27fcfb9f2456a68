// Learner errors that Link Grammar accepts: its dictionary reads "much wood", "allows to have" or
// "would be decrease" as grammatical, so the checker needs rules of its own for them. Each pattern was
// kept only when it fired on learner sentences and (almost) never on their corrections; like every
// signal it marks text that MIGHT need the model, it rewrites nothing.
import { BE_COMPLEMENTS, MODALS } from '../lexicon/word-lists.ts';
import type { Detector } from './signal-types.ts';

// Mass nouns learners pluralize, and irregular plurals given a regular -s.
const WRONG_PLURALS = new Set([
  'informations',
  'advices',
  'knowledges',
  'furnitures',
  'equipments',
  'homeworks',
  'evidences',
  'educations',
  'feedbacks',
  'luggages',
  'baggages',
  'sceneries',
  'traffics',
  'pollutions',
  'softwares',
  'hardwares',
  'garbages',
  'jewelries',
  'machineries',
  'trashes',
  'rubbishes',
  'leisures',
  'wealths',
  'healths',
  'happinesses',
  'transportations',
  'stuffs',
  'musics',
  'somethings',
  'everythings',
  'anythings',
  'nothings',
  'peoples',
  'childs',
  'womans',
  'mans',
  'foots',
  'tooths',
]);

// "much" before a noun reads as a learner's "a lot of" in an affirmative sentence ("It provides much
// wood"); negations, questions, conditions and degree words ("so much", "how much") make it right.
const NEGATION = /^(?:not|n't|no|never|nor|hardly|without|if|cannot|\w+n't)$/;
const MUCH_MODIFIERS = /^(?:so|too|very|how|as|not|without|that|this|pretty|far|thank|thanks)$/;
const MUCH_HEADS = /^(?:more|less|of|too|as|like|the|about|in|to|for|than|further|better|worse|else|same)$/;

// Verbs that take an object before their infinitive ("allows us to have"), and causatives that take a
// bare one ("make them understand").
const OBJECT_BEFORE_TO = /^(?:allow|allows|permit|permits|enable|enables|enabling)$/;
const CAUSATIVE = /^(?:make|makes|made|making|let|lets|letting)$/;
const OBJECT_PRONOUNS = /^(?:me|him|her|us|them|you|people|everyone|everybody|someone|somebody|others)$/;

// A finished time ("ago", "yesterday", "last year") with a present-tense verb in the same sentence.
const PRESENT_NOT_VERB =
  /^(?:this|its|his|was|us|as|yes|always|sometimes|less|unless|perhaps|news|towards|afterwards)$/;

const TAG_QUESTION = /^(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|can't)$/;

export const learnerPatterns: Detector = ({ tokens, words, starts }, found) => {
  const lower = (k: number): string => tokens[k]?.lower ?? '';
  const isWord = (k: number): boolean => tokens[k]?.kind === 'word';
  const negated = tokens.some((t) => NEGATION.test(t.lower) || t.text === '?');
  tokens.forEach((token, i) => {
    if (token.kind !== 'word') return;
    const l = token.lower;
    const after = tokens[i + 1];
    if (WRONG_PLURALS.has(l)) found('uncountable_plural', token, token, `"${token.text}" is not used in the plural`);
    if (l === 'much' && !negated && isWord(i + 1) && !MUCH_MODIFIERS.test(lower(i - 1)) && !MODALS.has(lower(i - 1))) {
      const head = lower(i + 1);
      const comparative =
        /er$/.test(head) &&
        [head.slice(0, -2), head.slice(0, -1), head.slice(0, -3), `${head.slice(0, -3)}y`].some((stem) =>
          words.isAdjective(stem),
        );
      if (
        !MUCH_HEADS.test(head) &&
        !comparative &&
        !/ly$/.test(head) &&
        !words.isPastForm(head) &&
        !words.isParticiple(head)
      )
        found('quantifier', token, after!, `"much ${after!.text}" in an affirmative sentence: "a lot of"?`);
    }
    if (OBJECT_BEFORE_TO.test(l) && lower(i + 1) === 'to' && isWord(i + 2) && words.isVerbBase(lower(i + 2)))
      found('verb_pattern', token, tokens[i + 2]!, `"${token.text}" needs an object before "to"`);
    if (
      CAUSATIVE.test(l) &&
      (OBJECT_PRONOUNS.test(lower(i + 1)) || words.isPluralNoun(lower(i + 1))) &&
      lower(i + 2) === 'to' &&
      isWord(i + 3) &&
      words.isVerbBase(lower(i + 3))
    ) {
      found(
        'verb_pattern',
        token,
        tokens[i + 3]!,
        `"${token.text} ... to ${tokens[i + 3]!.text}": a bare infinitive after "${token.text}"`,
      );
    }
    if ((MODALS.has(l) || l === 'to') && lower(i + 1) === 'be' && isWord(i + 2)) {
      const form = lower(i + 2);
      const verbLike = words.isVerbBase(form) || words.hasNoAffixes(form);
      if (
        verbLike &&
        !words.isPastForm(form) &&
        !words.isParticiple(form) &&
        !words.isAdjective(form) &&
        !words.mayBeAdjective(form) &&
        !/(?:ing|s|ed|ly|er)$/.test(form) &&
        !BE_COMPLEMENTS.has(form)
      ) {
        found('verb_form', token, tokens[i + 2]!, `base verb "${tokens[i + 2]!.text}" after "${token.text} be"`);
      }
    }
    if (l === 'comparing' && /^(?:with|to)$/.test(lower(i + 1)) && (starts.has(i) || lower(i - 1) === ','))
      found('collocation', token, after!, '"comparing with": "compared with"?');
    if (
      l === 'how' &&
      lower(i - 1) === 'matter' &&
      lower(i - 2) === 'no' &&
      /^(?:the|a|an|my|his|her|our|their|it|he|she|they|we|i|you|this|that|people)$/.test(lower(i + 1))
    )
      found('word_order', token, after!, '"no matter how" before its subject: "no matter how difficult it is"?');
    if (l === 'also' && i > 0 && lower(i - 1) !== ',' && !starts.has(i) && MODALS.has(lower(i + 1)))
      found('word_order', token, after!, '"also" before the modal: "should also"?');
    if (TAG_QUESTION.test(l) && lower(i - 1) === ',' && isWord(i + 1) && lower(i + 2) === '.')
      found('final_punctuation', token, tokens[i + 2]!, 'a question tag ends with "?"');
    if (
      l === 'ago' ||
      l === 'yesterday' ||
      (l === 'last' && /^(?:year|week|month|night|summer|winter|time|weekend)$/.test(lower(i + 1)))
    ) {
      const present = tokens.find(
        (t, k) =>
          t.kind === 'word' &&
          k !== i &&
          (/^(?:is|are|am|has|does)$/.test(t.lower) ||
            (words.isThirdPerson(t.lower) && !words.isPluralNoun(t.lower) && !PRESENT_NOT_VERB.test(t.lower))),
      );
      if (present) found('tense', token, present, `present "${present.text}" with the past "${token.text}"`);
    }
  });
};
