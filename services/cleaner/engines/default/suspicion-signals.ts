// The checker's signals: general patterns of learner English that MIGHT need a correction. Each
// detector reports spans with a signal name; suspicion.ts weighs them. None of them rewrites text, so
// a detector may be wrong some of the time as long as it fires far more often on flawed text.
import { DETERMINERS, MODALS, type WordClasses } from './word-classes.ts';
import { learnerPatterns } from './learner-signals.ts';
import type { Detector, Finding, SignalContext, SignalName } from './signal-types.ts';
import { sentenceStarts, type Token } from './suspicion-tokens.ts';

export type { Detector, Finding, SignalContext, SignalName };

const THIRD_SINGULAR = new Set(['he', 'she', 'it']);
const NON_THIRD = new Set(['i', 'we', 'they', 'you']);
const BE = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being']);
const DID = new Set(['does', 'did', "don't", "doesn't", "didn't"]);
// Words after he/she/it that make a following base verb right: "does it work", "let it go".
const BARE_CONTEXT = new Set([
  ...MODALS,
  'do',
  'does',
  'did',
  "doesn't",
  "didn't",
  "don't",
  'let',
  'make',
  'makes',
  'made',
  'help',
  'helps',
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
  'to',
  'not',
]);
// Frequent base forms that are also nouns or adjectives right after "is": "is home", "is open".
const BE_COMPLEMENTS = new Set([
  'home',
  'open',
  'free',
  'close',
  'clear',
  'right',
  'wrong',
  'like',
  'worth',
  'due',
  'able',
  'about',
  'well',
  'back',
  'up',
  'out',
  'down',
  'off',
  'over',
  'better',
  'still',
  'even',
  'just',
  'also',
  'only',
  'always',
  'never',
  'often',
  'not',
  'so',
  'very',
  'too',
  'more',
  'less',
  'most',
  'much',
  'as',
  'in',
  'on',
  'at',
  'by',
  'for',
  'to',
  'all',
  'no',
  'there',
  'here',
  'used',
  'welcome',
  'alone',
  'asleep',
  'awake',
  'alive',
  'busy',
  'fun',
  'key',
  'part',
  'one',
  'present',
  'average',
  'fine',
  'full',
  'empty',
  'clean',
  'dry',
  'warm',
  'cool',
  'safe',
  'secure',
  'quiet',
  'calm',
  'fit',
  'correct',
  'complete',
  'perfect',
  'separate',
  'slow',
  'fast',
  'dark',
  'light',
  'tired',
  'interested',
  'bored',
  'surprised',
]);
const ADVERBS_AFTER_MODAL =
  /^(?:not|also|always|never|only|really|still|even|just|certainly|probably|definitely|surely|easily|actually|usually|often|then|therefore|thus|hardly|rather|already|soon|both|all|each|either|simply|greatly|finally|better|best|once|again|ever|well|now|n't)$/;
const INTRODUCTORY =
  /^(?:however|therefore|moreover|furthermore|nevertheless|nonetheless|consequently|besides|additionally|firstly|secondly|thirdly|lastly|finally|first|second|third|nowadays|unfortunately|fortunately|personally|otherwise|meanwhile|thus|hence|also|overall|actually|basically|honestly|obviously|clearly|similarly|likewise|instead|today|indeed|anyway)$/;
const INTRODUCTORY_PHRASES = [
  'for example',
  'for instance',
  'in addition',
  'in my opinion',
  'on the other hand',
  'in conclusion',
  'in fact',
  'as a result',
  'in other words',
  'in contrast',
  'of course',
  'in my view',
  'in this case',
  'in general',
  'in summary',
  'to sum up',
  'in short',
  'on the contrary',
  'in the end',
  'in the past',
  'in the future',
  'these days',
  "in today's world",
  'at the same time',
  'as a matter of fact',
  'in my experience',
  'all in all',
  'to conclude',
];
const INFORMAL = new Set([
  'u',
  'ur',
  'r',
  'pls',
  'plz',
  'gonna',
  'wanna',
  'gotta',
  'esp',
  'coz',
  'cuz',
  'ppl',
  'thx',
  'btw',
  'tho',
  'ok',
  'etc',
  'ect',
  'lol',
  'kinda',
  'alot',
  'b4',
  'im',
  'dont',
  'cant',
  'wont',
  'didnt',
  'doesnt',
  'isnt',
  'thats',
]);
const PROPER_LOWER =
  /^(?:english|american|british|chinese|japanese|korean|french|german|spanish|italian|indian|african|european|asian|russian|arabic|mexican|canadian|australian|christian|muslim|islam|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|september|october|november|december|christmas|america|europe|asia|africa|england|china|japan|korea|india|france|germany|spain|italy|canada|english)$/;
const PREPOSITION_COLLOCATIONS: ReadonlyArray<[string, string]> = [
  ['despite of', 'despite'],
  ['discuss about', 'discuss'],
  ['emphasize on', 'emphasize'],
  ['return back', 'return'],
  ['explain about', 'explain'],
  ['mention about', 'mention'],
  ['cope up', 'cope with'],
  ['according to me', 'in my opinion'],
  ['could of', 'could have'],
  ['would of', 'would have'],
  ['should of', 'should have'],
  ['in the other hand', 'on the other hand'],
  ['more better', 'better'],
  ['more easier', 'easier'],
  ['most biggest', 'biggest'],
  ['each others', 'each other'],
  ['the most of', 'most of'],
  ['enter into', 'enter'],
  ['reach to', 'reach'],
];

const next = (ctx: SignalContext, i: number): Token | undefined => ctx.tokens[i + 1];
const isWord = (token: Token | undefined): token is Token => token?.kind === 'word';

const unknownWords: Detector = ({ tokens, words, starts }, found) => {
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || token.text.length < 2 || words.known(token.text)) return;
    // a capital in mid-sentence or all capitals: a name or an acronym the dictionary need not know
    if (!starts.has(i) && /^\p{Lu}/u.test(token.text) && !/\p{Lu}\p{Lu}\p{Ll}/u.test(token.text)) return;
    if (/^\p{Lu}+$/u.test(token.text) || /[^\x00-\x7f’]/.test(token.text)) return;
    if (token.text.includes('-') && token.text.split('-').every((part) => part === '' || words.known(part))) return;
    found('unknown_word', token, token, `"${token.text}" is not in the dictionary`);
  });
};

const sentenceShape: Detector = ({ tokens, starts }, found) => {
  for (const i of starts) {
    const token = tokens[i]!;
    if (token.kind === 'word' && /^\p{Ll}/u.test(token.text) && !/^(?:e\.g|i\.e|iphone|ebay)/.test(token.lower)) {
      found('sentence_case', token, token, 'a sentence starts with a lower-case letter');
    }
  }
  const last = tokens.at(-1);
  if (last !== undefined && last.kind !== 'protected' && !/^[.!?"'”’)\]…:]$/.test(last.text))
    found('final_punctuation', last, last, 'no punctuation at the end');
  tokens.forEach((token, i) => {
    if (token.kind !== 'punct') return;
    const after = tokens[i + 1];
    if (/[,;]/.test(token.text) && token.spaceBefore !== '')
      found('punctuation_spacing', token, token, 'space before punctuation');
    if (/[,;!?]/.test(token.text) && after !== undefined && after.kind === 'word' && after.spaceBefore === '')
      found('punctuation_spacing', token, after, 'no space after punctuation');
    if (
      token.text === '"' &&
      after?.kind === 'word' &&
      after.spaceBefore === '' &&
      tokens[i - 1]?.kind === 'word' &&
      token.spaceBefore === ''
    )
      found('punctuation_spacing', token, token, 'quote glued to words');
    if (/[!?]/.test(token.text) && after?.text === token.text)
      found('punctuation_spacing', token, after, 'repeated punctuation');
  });
};

const capitals: Detector = ({ tokens, starts }, found) => {
  tokens.forEach((token, i) => {
    if (token.kind !== 'word') return;
    if (/^\p{Lu}\p{Lu}\p{Ll}/u.test(token.text) || /^\p{Ll}+\p{Lu}/u.test(token.text))
      found('odd_capital', token, token, 'odd mix of capitals');
    if ((!starts.has(i) && tokens[i - 1]?.kind !== 'punct') || tokens[i - 1]?.text === ',') {
      if (
        !starts.has(i) &&
        /^(?:The|When|And|But|If|Because|So|We|They|It|This|That|There|Then|Also|Or|You|My|He|She|In|On|For|To|As|Our|Their|Its)$/.test(
          token.text,
        )
      ) {
        found('odd_capital', token, token, 'capitalized word inside a sentence');
      }
    }
    if (PROPER_LOWER.test(token.text))
      found('lowercase_proper', token, token, 'a proper name or adjective in lower case');
    if (INFORMAL.has(token.lower) || token.text === 'i')
      found('informal_word', token, token, `informal or non-standard "${token.text}"`);
  });
};

const agreement: Detector = (ctx, found) => {
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
    const bare = previous?.kind === 'word' && BARE_CONTEXT.has(previous.lower);
    if (THIRD_SINGULAR.has(token.lower) && !bare) {
      const after = tokens[k + 1];
      const baseVerb =
        words.isVerbBase(verb.lower) &&
        !words.isPastForm(verb.lower) &&
        !/s$/.test(verb.lower) &&
        !BE.has(verb.lower) &&
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
      (NON_THIRD.has(token.lower) || token.lower === 'people') &&
      (/^(?:is|has|does|doesn't|was)$/.test(verb.lower) || (words.isThirdPerson(verb.lower) && !bare))
    ) {
      if (!(token.lower === 'i' && verb.lower === 'was') && !(token.lower === 'you' && previous?.lower === 'to'))
        found('agreement', token, verb, `"${verb.text}" does not agree with "${token.text}"`);
    }
  });
};

const numberAgreement: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    const noun = next(ctx, i);
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

const verbForms: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    if (token.kind !== 'word') return;
    let j = i + 1;
    while (isWord(tokens[j]) && ADVERBS_AFTER_MODAL.test(tokens[j]!.lower)) j++;
    const verb = tokens[j];
    if (!isWord(verb)) return;
    const form = verb.lower;
    if (MODALS.has(token.lower) || DID.has(token.lower)) {
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
    if (token.lower === 'to' && j === i + 1 && PAST_ONLY.test(form))
      found('verb_form', token, verb, `past form "${verb.text}" after "to"`);
    if (
      BE.has(token.lower) &&
      j === i + 1 &&
      words.isPureVerb(form) &&
      !BE_COMPLEMENTS.has(form) &&
      !words.isPastForm(form) &&
      !words.isParticiple(form) &&
      !/(?:ing|s)$/.test(form)
    ) {
      found('verb_form', token, verb, `base verb "${verb.text}" after "${token.text}"`);
    }
    if (/^(?:have|has|had)$/.test(token.lower) && j === i + 1 && PAST_ONLY.test(form))
      found('verb_form', token, verb, `past tense "${verb.text}" after "${token.text}"`);
  });
};
// Words between a comparative and its "than" ("more Americans died on roads in their cars than").
const THAN_REACH = 12;
const PAST_ONLY =
  /^(?:went|began|chose|became|came|took|ate|gave|wrote|spoke|fell|drove|grew|knew|saw|did|broke|flew|forgot|rode|rose|ran|sang|stole|swam|threw|woke|wore|drank|drew|hid|shook)$/;

const confusables: Detector = (ctx, found) => {
  const { tokens, words } = ctx;
  tokens.forEach((token, i) => {
    const after = next(ctx, i);
    if (token.kind !== 'word') return;
    const lower = token.lower;
    const following = after?.lower ?? '';
    if (
      lower === 'then' &&
      tokens
        .slice(Math.max(0, i - 4), i)
        .some(
          (t) =>
            /^(?:more|less|rather|better|worse|other)$/.test(t.lower) ||
            (/er$/.test(t.lower) && words.isAdjective(t.lower.slice(0, -2))),
        )
    )
      found('confusable', token, token, '"then" after a comparison: "than"?');
    if (
      lower === 'your' &&
      /^(?:are|is|a|an|the|not|going|very|so|welcome|right|wrong|in|on|at|from|with|by|about|doing|being|able|too)$/.test(
        following,
      )
    )
      found('confusable', token, after!, '"your" where "you\'re" fits');
    if (
      lower === 'its' &&
      (/^(?:a|an|the|not|very|so|is|was|really|rightly|been|time|because|true|hard|important|better|easy|difficult|possible|necessary|clear|obvious)$/.test(
        following,
      ) ||
        /ly$/.test(following))
    )
      found('confusable', token, after!, '"its" where "it\'s" fits');
    if (lower === "it's" && /^(?:own|self)$/.test(following))
      found('confusable', token, after!, '"it\'s" where "its" fits');
    if (
      lower === 'there' &&
      isWord(after) &&
      (words.isPluralNoun(following) ||
        /^(?:own|opinion|life|lives|parents|children|family|friends|home|house|job|work|country|way)$/.test(following))
    )
      found('confusable', token, after, '"there" where "their" fits');
    if (lower === 'their' && /^(?:is|are|was|were|will|would|has|have)$/.test(following))
      found('confusable', token, after!, '"their" where "there" fits');
    if (
      (lower === 'to' &&
        /^(?:much|many|late|early|small|big|old|young|expensive|difficult|hard|fast|slow|pretty|long|short|far|busy)$/.test(
          following,
        ) &&
        !isWord(tokens[i + 2])) ||
      (lower === 'to' && /^(?:much|many)$/.test(following) && !/^(?:of|more)$/.test(tokens[i + 2]?.lower ?? ''))
    )
      found('confusable', token, after!, '"to" where "too" fits');
    if (
      /^(?:a|an|the|great|big|positive|negative|bad|good|no|strong|huge|side)$/.test(lower) &&
      /^affects?$/.test(following)
    )
      found('confusable', token, after!, '"affect" as a noun: "effect"?');
    if (/^(?:could|would|should|will|can|to)$/.test(lower) && following === 'loose')
      found('confusable', token, after!, '"loose" where "lose" fits');
    if (
      lower === 'than' &&
      !tokens
        .slice(Math.max(0, i - THAN_REACH), i)
        .some(
          (t) =>
            /^(?:more|less|rather|other|otherwise|different|differently|else|fewer)$/.test(t.lower) ||
            /er$/.test(t.lower),
        )
    )
      found('confusable', token, token, '"than" without a comparison: "then"?');
  });
};

const determiners: Detector = (ctx, found) => {
  ctx.tokens.forEach((token, i) => {
    const after = next(ctx, i);
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
const BARE_NOUN_IDIOMS = new Set([
  'school',
  'bed',
  'church',
  'work',
  'home',
  'class',
  'college',
  'university',
  'hospital',
  'prison',
  'bus',
  'car',
  'train',
  'plane',
  'bike',
  'foot',
  'time',
  'hand',
  'night',
  'town',
  'sea',
  'lunch',
  'dinner',
  'breakfast',
  'course',
  'fact',
  'order',
  'case',
  'person',
  'line',
  'mind',
  'practice',
  'theory',
  'public',
  'general',
  'example',
  'instance',
  'purpose',
  'sale',
  'hand',
  'heart',
  'chance',
  'turn',
  'place',
  'fun',
  'use',
  'sure',
  'top',
  'front',
  'charge',
  'trouble',
  'danger',
  'love',
  'touch',
  'contrast',
  'addition',
  'conclusion',
  'summary',
  'detail',
  'advance',
  'part',
  'demand',
  'control',
  'view',
  'sight',
  'cash',
  'email',
  'phone',
  'air',
  'land',
  'water',
  'day',
  'year',
  'bottom',
  'tv',
  'television',
  'radio',
  'dawn',
  'noon',
  'midnight',
  'war',
  'peace',
  'risk',
  'debt',
  'pain',
  'need',
  'tears',
  'mail',
]);

const missingArticles: Detector = (ctx, found) => {
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
    if (
      /^(?:is|are|was|were|have|has|had|need|needs|get|gets|got|buy|bought|find|found|become|became|want|wants|with|for|in|at|on|to|into|about|without|make|makes|take|takes|by|good|certain)$/.test(
        before.lower,
      )
    ) {
      found('missing_article', before, token, `"${token.text}" may need an article`);
    }
  });
};

const phrases: Detector = ({ tokens }, found) => {
  const lowers = tokens.map((t) => t.lower);
  tokens.forEach((token, i) => {
    for (const [phrase, fix] of PREPOSITION_COLLOCATIONS) {
      const parts = phrase.split(' ');
      if (parts.every((part, k) => lowers[i + k] === part))
        found('collocation', token, tokens[i + parts.length - 1]!, `"${phrase}": "${fix}"?`);
    }
    if (
      token.lower === 'more' &&
      isWord(tokens[i + 1]) &&
      /^(?:\w+er)$/.test(tokens[i + 1]!.lower) &&
      /^(?:better|worse|bigger|easier|stronger|harder|faster|higher|larger|smaller|greater|happier|cheaper|older|younger|longer|richer|safer|simpler)$/.test(
        tokens[i + 1]!.lower,
      )
    ) {
      found('comparative', token, tokens[i + 1]!, 'double comparative');
    }
  });
};

const commas: Detector = ({ tokens, starts }, found) => {
  for (const i of starts) {
    const first = tokens[i]!;
    if (INTRODUCTORY.test(first.lower) && tokens[i + 1]?.kind === 'word')
      found('intro_comma', first, first, `comma after introductory "${first.text}"?`);
    for (const phrase of INTRODUCTORY_PHRASES) {
      const parts = phrase.split(' ');
      if (!parts.every((part, k) => tokens[i + k]?.lower === part)) continue;
      const after = tokens[i + parts.length];
      if (after?.kind === 'word')
        found('intro_comma', first, tokens[i + parts.length - 1]!, `comma after "${phrase}"?`);
    }
  }
  // an introductory clause ("If we go there we ...") and clauses joined by "but"/"so" take a comma
  const wordCount = tokens.filter((t) => t.kind === 'word').length;
  const hasComma = tokens.some((t) => t.text === ',' || t.text === ';');
  const first = tokens.find((t) => t.kind === 'word');
  if (first !== undefined && SUBORDINATORS.test(first.lower) && !hasComma && wordCount >= 8)
    found('clause_comma', first, first, `comma after the "${first.text}" clause?`);
  tokens.forEach((token, i) => {
    if (
      /^(?:but|so)$/.test(token.lower) &&
      i > 0 &&
      tokens[i - 1]!.kind === 'word' &&
      wordCount >= 12 &&
      tokens[i + 1]?.kind === 'word' &&
      !/^(?:that|far|much|many|not)$/.test(tokens[i + 1]!.lower)
    ) {
      found('clause_comma', token, token, `comma before "${token.text}"?`);
    }
  });
  // a long stretch of words with no comma, semicolon or colon: a run-on or a missing comma
  let run = 0;
  let runStart = 0;
  tokens.forEach((token, i) => {
    if (token.kind === 'punct' && /[,;:()"-]/.test(token.text)) run = 0;
    else if (token.kind !== 'punct') {
      if (run === 0) runStart = i;
      run++;
      if (run === RUN_ON_WORDS) found('run_on', tokens[runStart]!, token, `${RUN_ON_WORDS} words without a comma`);
    }
  });
};
const RUN_ON_WORDS = 18;
const SUBORDINATORS = /^(?:if|when|although|though|because|while|since|after|before|once|unless|whenever|whereas|as)$/;

export const DETECTORS: readonly Detector[] = [
  unknownWords,
  sentenceShape,
  capitals,
  agreement,
  numberAgreement,
  verbForms,
  confusables,
  determiners,
  missingArticles,
  phrases,
  commas,
  learnerPatterns,
];

export function findSignals(tokens: readonly Token[], words: WordClasses): Finding[] {
  const ctx: SignalContext = { tokens, words, starts: sentenceStarts(tokens) };
  const findings: Finding[] = [];
  for (const detect of DETECTORS)
    detect(ctx, (signal, from, to, message) => findings.push({ signal, start: from.start, end: to.end, message }));
  return findings;
}
