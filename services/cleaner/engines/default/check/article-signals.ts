// Detectors of determiners: two in a row ("the my keys"), and a singular countable noun with none
// ("she has job").
import { DETERMINERS, wordSet } from '../lexicon/word-lists.ts';
import { type Detector, isWord } from './signal-types.ts';

export const determiners: Detector = (ctx, found) => {
  ctx.tokens.forEach((token, i) => {
    const after = ctx.tokens[i + 1];
    if (token.kind !== 'word' || !isWord(after)) return;
    if (
      /^(?:a|an|the|my|your|his|our|their|this|these|those)$/.test(token.lower) &&
      /^(?:a|an|the|my|your|his|our|their|its)$/.test(after.lower)
    )
      found('double_determiner', token, after, 'two determiners in a row');
  });
};

// A singular countable noun needs a determiner: "she has job" -> "a job". Adjectives between the two
// are skipped ("a new car"); "of", possessives and compounds ("bus station") end the search.
// "go to school", "by bus", "at home", "in time": prepositions that take these nouns bare.
const BARE_NOUN_IDIOMS = wordSet(`school bed church work home class college university hospital prison bus car train
  plane bike foot time hand night town sea lunch dinner breakfast course fact order case person line mind practice theory
  public general example instance purpose sale heart chance turn place fun use sure top front charge
  trouble danger love touch contrast addition conclusion summary detail advance part demand control view
  sight cash email phone air land water day year bottom tv television radio dawn noon midnight war peace
  risk debt pain need tears mail`);
// Verbs and prepositions after which a bare singular countable noun usually lacks its article.
const WANTS_ARTICLE_AFTER = wordSet(`is are was were have has had need needs get gets got buy bought find found become
  became want wants with for in at on to into about without make makes take takes by good certain`);

export const missingArticles: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || !/^\p{Ll}+$/u.test(token.text) || !words.isSingularCountable(token.lower)) return;
    if (
      isWord(tokens[i + 1]) &&
      (words.isSingularCountable(tokens[i + 1]!.lower) || words.isPluralNoun(tokens[i + 1]!.lower))
    )
      return;
    let j = i - 1;
    while (
      j >= 0 &&
      tokens[j]!.kind === 'word' &&
      words.mayBeAdjective(tokens[j]!.lower) &&
      !DETERMINERS.has(tokens[j]!.lower)
    )
      j--;
    const before = tokens[j];
    if (before === undefined || before.kind !== 'word') return;
    if (BARE_NOUN_IDIOMS.has(token.lower) && /^(?:to|at|by|in|on|from|for)$/.test(before.lower)) return;
    if (
      DETERMINERS.has(before.lower) ||
      /'s$/.test(before.lower) ||
      /^(?:of|per|and|or|whose|such|kind|type|sort|like|as|from)$/.test(before.lower)
    )
      return;
    if (WANTS_ARTICLE_AFTER.has(before.lower)) {
      found('missing_article', before, token, `"${token.text}" may need an article`);
    }
  });
};
