// The closed word lists of English that fixers and checker detectors share: one list per fact, so a
// fixer and a detector cannot disagree on which words are modals or which words make the verb after
// "he" a bare infinitive. A list that serves one rule alone (its exceptions, its trigger words) lives
// in that rule's row instead. Written for this project.

/** A set from a space-separated list (lists stay readable as prose and diff by word). */
export function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

export const MODALS = wordSet('can could will would shall should may might must');

/** Forms of "be". */
export const BE_FORMS = wordSet('am is are was were be been being');

/** "do" as an auxiliary before a bare infinitive: "does it work", "didn't go". */
export const DO_SUPPORT = wordSet("does did don't doesn't didn't");

export const THIRD_SINGULAR_PRONOUNS = wordSet('he she it');
export const NON_THIRD_PRONOUNS = wordSet('i we they you');

/**
 * Words right before "he", "she" or "it" that make the verb after the pronoun a bare infinitive, not
 * a third-person form: "does she go", "let it go", "made him cry", "than it seems" read either way.
 */
export const BARE_INFINITIVE_CONTEXT = new Set([
  ...MODALS,
  ...wordSet(`do does did doesn't didn't don't not let lets make makes made help helps helped to see saw watch
    hear heard have had than and or`),
]);

/**
 * Words Hunspell lists with verb flags that read as a complement after a form of "be" ("is home",
 * "will be free", "to be ready"): never a base verb there.
 */
export const BE_COMPLEMENTS = wordSet(`home open free close clear right wrong like worth due able about well back
  up out down off over better still even just also only always never often not so very too more less most
  much fewer as in on at by for to all no there here the a an used welcome alone asleep awake alive aware
  afraid ready busy fun key part one present average fine full empty clean dry warm cool safe secure quiet
  calm fit correct complete perfect separate slow fast dark light tired interested bored surprised`);

export const DETERMINERS = wordSet(`a an the this that these those my your his her its our their some any no
  every each another other many much few several all both one two three four five six seven eight nine ten
  more most less least such what which whose either neither enough own same first last next`);

/** Function words Hunspell also lists with verb flags (rare senses): never verbs for the rules. */
export const CLOSED_CLASS = wordSet(`the a an and or but of in on at to for by with as so up out off down over
  my your his her our their its it he she we they you me him us them not no yes this that these those there
  here then than very too also just even still well`);

/** Irregular verbs as "base past participle" (a participle equal to the past is written once). */
export const IRREGULAR_VERBS: readonly (readonly [base: string, past: string, participle: string])[] =
  `be was been|become became become|begin began begun|break broke broken|bring brought|build built
  |buy bought|catch caught|choose chose chosen|come came come|cost cost|cut cut|do did done|draw drew drawn
  |drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feel felt|fight fought|find found
  |fly flew flown|forget forgot forgotten|get got gotten|give gave given|go went gone|grow grew grown
  |have had|hear heard|hold held|keep kept|know knew known|lead led|leave left|lend lent|let let|lose lost
  |make made|mean meant|meet met|pay paid|put put|read read|ride rode ridden|rise rose risen|run ran run
  |say said|see saw seen|sell sold|send sent|set set|show showed shown|sing sang sung|sit sat|sleep slept
  |speak spoke spoken|spend spent|stand stood|steal stole stolen|swim swam swum|take took taken|teach taught
  |tell told|think thought|throw threw thrown|understand understood|wake woke woken|wear wore worn|win won
  |write wrote written|forgive forgave forgiven|hide hid hidden|shake shook shaken|bite bit bitten`
    .split('|')
    .map((entry) => {
      const [base, past, participle = past] = entry.trim().split(/\s+/) as [string, string, string?];
      return [base, past, participle] as const;
    });

/**
 * Irregular simple pasts that are never a participle or a base, so wrong after "to" or "have":
 * "to went", "have took". ("got" is left out: "have got" is right.)
 */
export const PAST_ONLY = wordSet(`went began chose became came took ate gave wrote spoke fell drove grew knew saw
  did broke flew forgot rode rose ran sang stole swam threw woke wore drank drew hid shook`);

/** Nouns whose plural has no -s. */
export const IRREGULAR_PLURALS = wordSet(
  'people children men women police feet teeth mice data media criteria phenomena',
);

/** Base form -> third person singular, the verbs the agreement fixers may change: "she go" -> "she goes". */
export const THIRD_PERSON_FORMS: ReadonlyMap<string, string> = new Map(
  `go goes|do does|have has|don't doesn't|want wants|like likes|need needs|know knows|think thinks|make makes
  |take takes|get gets|give gives|say says|see sees|look looks|work works|play plays|live lives|love loves
  |come comes|seem seems|become becomes|feel feels|believe believes|mean means|tell tells|find finds|eat eats
  |watch watches|learn learns|buy buys|pay pays|talk talks|speak speaks|show shows|allow allows|cause causes
  |cost costs|enjoy enjoys|hate hates|prefer prefers|understand understands|depend depends|try tries
  |study studies|walk walks|write writes|read reads|help helps|provide provides|happen happens|agree agrees
  |wish wishes|teach teaches|spend spends`
    .split('|')
    .map((entry) => entry.trim().split(' ') as [string, string]),
);

/** Words that open a sentence and take a comma after them: "However, ...". */
export const INTRODUCTORY_WORDS =
  wordSet(`however therefore moreover furthermore nevertheless nonetheless consequently besides
  additionally firstly secondly thirdly lastly finally first second third nowadays unfortunately fortunately personally
  otherwise meanwhile thus hence also overall actually basically honestly obviously clearly similarly likewise instead
  today indeed anyway`);
/** Phrases that open a sentence and take a comma after them, as word lists. */
export const INTRODUCTORY_PHRASES: readonly (readonly string[])[] =
  `for example|for instance|in addition|in my opinion|on the other hand|in conclusion|in fact
  |as a result|in other words|in contrast|of course|in my view|in this case|in general|in summary|to sum up|in short
  |on the contrary|in the end|in the past|in the future|these days|in today's world|at the same time
  |as a matter of fact|in my experience|all in all|to conclude`
    .split('|')
    .map((phrase) => phrase.trim().split(' '));

/** Names of languages, nationalities, religions, days, months and places, written in lower case. */
export const PROPER_NAMES_LOWER =
  wordSet(`english american british chinese japanese korean french german spanish italian indian
  african european asian russian arabic mexican canadian australian christian muslim islam monday tuesday wednesday
  thursday friday saturday sunday january february april june july august september october november december
  christmas america europe asia africa england china japan korea india france germany spain italy canada`);
