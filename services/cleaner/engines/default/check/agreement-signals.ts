// Detectors of agreement and verb form: a verb that does not agree with its subject ("she go",
// "people is"), a determiner whose number differs from its noun's ("many place"), a verb form the
// word before it rules out ("can went", "to took", "is decide").
import {
  BARE_INFINITIVE_CONTEXT,
  BE_COMPLEMENTS,
  BE_FORMS,
  DO_SUPPORT,
  MODALS,
  NON_THIRD_PRONOUNS,
  PAST_ONLY,
  THIRD_SINGULAR_PRONOUNS,
  wordSet,
} from '../lexicon/word-lists.ts';
import { type Detector, isWord } from './signal-types.ts';

// Words that may stand between an auxiliary and its verb: "can not go", "will certainly come".
const ADVERBS_AFTER_MODAL = wordSet(`not also always never only really still even just certainly probably definitely
  surely easily actually usually often then therefore thus hardly rather already soon both all each either simply
  greatly finally better best once again ever well now n't`);

export const agreement: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    let k = i + 1;
    while (
      isWord(tokens[k]) &&
      /^(?:always|never|often|usually|sometimes|also|really|just|still|only|even|rarely|seldom)$/.test(tokens[k]!.lower)
    )
      k++;
    const verb = tokens[k];
    if (token.kind !== 'word' || !isWord(verb)) return;
    const previous = tokens[i - 1];
    const bare = previous?.kind === 'word' && BARE_INFINITIVE_CONTEXT.has(previous.lower);
    if (THIRD_SINGULAR_PRONOUNS.has(token.lower) && !bare) {
      const after = tokens[k + 1];
      const baseVerb =
        words.isVerbBase(verb.lower) &&
        !words.isPastForm(verb.lower) &&
        !/s$/.test(verb.lower) &&
        !BE_FORMS.has(verb.lower) &&
        !MODALS.has(verb.lower);
      if (
        (baseVerb && after !== undefined && !/^(?:self|selves)$/.test(verb.lower)) ||
        /^(?:are|were|have|don't|do)$/.test(verb.lower)
      ) {
        if (!(token.lower === 'it' && /^(?:do|have)$/.test(verb.lower) && after?.kind === 'punct'))
          found('agreement', token, verb, `"${verb.text}" does not agree with "${token.text}"`);
      }
    }
    // "the school try", "this point affect": a determiner, a singular noun, then a bare verb
    const determiner = tokens[i - 1]?.lower ?? '';
    if (
      /^(?:the|this|that|every|each|a|an|my|his|her|our|their|its|one)$/.test(determiner) &&
      !MODALS.has(token.lower) &&
      words.isCountableNoun(token.lower) &&
      words.isPureVerb(verb.lower) &&
      !words.isPastForm(verb.lower) &&
      !/s$/.test(verb.lower) &&
      !MODALS.has(verb.lower) &&
      tokens[k + 1]?.kind === 'word'
    ) {
      found('agreement', token, verb, `"${verb.text}" does not agree with "${token.text}"`);
    }
    if (
      token.lower === 'who' &&
      /^(?:are|were|have)$/.test(verb.lower) &&
      previous !== undefined &&
      words.isSingularCountable(previous.lower)
    )
      found('agreement', previous, verb, `"${verb.text}" after a singular "${previous.text} who"`);
    if (
      (NON_THIRD_PRONOUNS.has(token.lower) || token.lower === 'people') &&
      (/^(?:is|has|does|doesn't|was)$/.test(verb.lower) || (words.isThirdPerson(verb.lower) && !bare))
    ) {
      if (!(token.lower === 'i' && verb.lower === 'was') && !(token.lower === 'you' && previous?.lower === 'to'))
        found('agreement', token, verb, `"${verb.text}" does not agree with "${token.text}"`);
    }
  });
};

export const numberAgreement: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    const noun = tokens[i + 1];
    if (token.kind !== 'word' || !isWord(noun)) return;
    const singular = /^(?:a|an|one|every|each|another|this|that|much)$/.test(token.lower);
    const plural =
      /^(?:these|those|many|several|few|both|various|two|three|four|five|six|seven|eight|nine|ten|hundreds|thousands|millions)$/.test(
        token.lower,
      );
    let head = i + 1;
    while (
      singular &&
      isWord(tokens[head + 1]) &&
      words.mayBeAdjective(tokens[head]!.lower) &&
      !words.isPluralNoun(tokens[head]!.lower) &&
      !words.isCountableNoun(tokens[head]!.lower)
    )
      head++;
    const quantified = /^(?:few|couple)$/.test(noun.lower) || /'s$/.test(tokens[head]!.lower);
    if (
      singular &&
      !quantified &&
      words.isPluralNoun(tokens[head]!.lower) &&
      !(token.lower === 'that' || token.lower === 'this')
    )
      found('number_agreement', token, noun, `"${token.text}" before the plural "${noun.text}"`);
    const compound = isWord(tokens[i + 2]) && words.isPluralNoun(tokens[i + 2]!.lower);
    if (plural && words.isCountableNoun(noun.lower) && !compound && !words.isGerund(noun.lower))
      found('number_agreement', token, noun, `"${token.text}" before the singular "${noun.text}"`);
    if (
      token.lower === 'of' &&
      tokens[i - 1]?.lower === 'lot' &&
      words.isSingularCountable(noun.lower) &&
      !isWord(tokens[i + 2])
    )
      found('number_agreement', token, noun, `"a lot of" before the singular "${noun.text}"`);
    if (
      /^(?:is|was)$/.test(token.lower) &&
      /^(?:many|several|few|lots|two|three)$/.test(noun.lower) &&
      tokens[i - 1]?.lower === 'there'
    )
      found('number_agreement', token, noun, `"${token.text}" before a plural`);
  });
};

export const verbForms: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    if (token.kind !== 'word') return;
    let j = i + 1;
    while (isWord(tokens[j]) && ADVERBS_AFTER_MODAL.has(tokens[j]!.lower)) j++;
    const verb = tokens[j];
    if (!isWord(verb)) return;
    const form = verb.lower;
    if (MODALS.has(token.lower) || DO_SUPPORT.has(token.lower)) {
      if (
        words.isPastForm(form) ||
        words.isThirdPerson(form) ||
        (MODALS.has(token.lower) && words.isAdjective(form)) ||
        words.isGerund(form)
      ) {
        found('verb_form', token, verb, `"${verb.text}" after "${token.text}" is not a base verb`);
      }
    }
    if (MODALS.has(token.lower) && form === 'to') found('verb_form', token, verb, `"to" after "${token.text}"`);
    if (token.lower === 'to' && j === i + 1 && PAST_ONLY.has(form))
      found('verb_form', token, verb, `past form "${verb.text}" after "to"`);
    if (
      BE_FORMS.has(token.lower) &&
      j === i + 1 &&
      words.isPureVerb(form) &&
      !BE_COMPLEMENTS.has(form) &&
      !words.isPastForm(form) &&
      !words.isParticiple(form) &&
      !/(?:ing|s)$/.test(form)
    ) {
      found('verb_form', token, verb, `base verb "${verb.text}" after "${token.text}"`);
    }
    if (/^(?:have|has|had)$/.test(token.lower) && j === i + 1 && PAST_ONLY.has(form))
      found('verb_form', token, verb, `past tense "${verb.text}" after "${token.text}"`);
  });
};
