// What the rule engine really knows about a text, as named facts for schema-filler: the documents of
// the named tasks, plus aliases so an inline schema's "word_count" or "emails" finds its fact.
// Anything only approximated (a lead sentence as summary) is wrapped in Approximate and so reported.
import type { EntityType } from '../../tasks/index.ts';
import type { EntitySpan } from './entity-patterns.ts';
import { Approximate, type FactPool, factPool, NOT_APPLICABLE } from './schema-filler.ts';
import type { TextAnalysis } from './text-analysis.ts';
import { decisionFacts } from './decision-facts.ts';

// Lexicon-based traits only mean something where the word lists apply; clarity rests on lengths alone.
const LEXICON_LANGUAGES = new Set(['en', 'und']);

function lead(analysis: TextAnalysis): Approximate {
  return new Approximate(analysis.sentences[0]?.text ?? '');
}

// The Flesch formulas are calibrated on English only.
function readable<T>(analysis: TextAnalysis, value: T): T | Approximate {
  return analysis.language === 'en' ? value : new Approximate(value);
}

/** An entity with every optional property either known or marked as not applying to its type. */
function entityFact(entity: EntitySpan): Record<string, unknown> {
  const { type, text, start, end } = entity;
  return {
    type,
    text,
    start,
    end,
    value: entity.value ?? NOT_APPLICABLE,
    amount: entity.amount ?? NOT_APPLICABLE,
    currency: entity.currency ?? NOT_APPLICABLE,
    unit: entity.unit ?? NOT_APPLICABLE,
    deadline: entity.deadline ?? NOT_APPLICABLE,
  };
}

export function describeFacts(analysis: TextAnalysis): Record<string, unknown> {
  const { language, text, words, sentences } = analysis;
  return {
    language: language === 'und' ? new Approximate(language) : language,
    summary: lead(analysis),
    counts: { characters: text.length, words: words.length, sentences: sentences.length },
    readability: readable(analysis, analysis.readability),
    sentences: sentences.map(({ text: sentence, start, end }) => ({ text: sentence, start, end })),
    entities: analysis.entities.map(entityFact),
    keywords: analysis.keywords,
    topics: analysis.topics.length > 0 ? analysis.topics : new Approximate([]),
  };
}

export function traitsFacts(analysis: TextAnalysis): Record<string, unknown> {
  const lexical = LEXICON_LANGUAGES.has(analysis.language);
  const facts: Record<string, unknown> = {};
  for (const [name, trait] of Object.entries(analysis.traits)) {
    facts[name] = name === 'clarity' || lexical ? trait : new Approximate(trait);
  }
  return facts;
}

function entityTexts(analysis: TextAnalysis, ...types: EntityType[]): unknown[] {
  return analysis.entities.filter((e) => types.includes(e.type)).map(entityFact);
}

/** The facts for `task`; its own facts win over the general ones when names collide. */
export function factsFor(analysis: TextAnalysis, task: string): FactPool {
  const describe = describeFacts(analysis);
  const counts = describe.counts as Record<string, number>;
  const general: Record<string, unknown> = {
    ...describe,
    flesch_reading_ease: readable(analysis, analysis.readability.flesch_reading_ease),
    flesch_kincaid_grade: readable(analysis, analysis.readability.flesch_kincaid_grade),
    reading_ease: readable(analysis, analysis.readability.flesch_reading_ease),
    grade_level: readable(analysis, analysis.readability.flesch_kincaid_grade),
    ...traitsFacts(analysis),
    lang: describe.language,
    word_count: counts.words,
    character_count: counts.characters,
    char_count: counts.characters,
    sentence_count: counts.sentences,
    num_words: counts.words,
    num_sentences: counts.sentences,
    emails: entityTexts(analysis, 'email'),
    urls: entityTexts(analysis, 'url'),
    links: entityTexts(analysis, 'url'),
    phones: entityTexts(analysis, 'phone'),
    phone_numbers: entityTexts(analysis, 'phone'),
    dates: entityTexts(analysis, 'date'),
    deadlines: analysis.entities.filter((e) => e.deadline).map(entityFact),
    money: entityTexts(analysis, 'money'),
    amounts: entityTexts(analysis, 'money'),
    quantities: entityTexts(analysis, 'quantity'),
    identifiers: entityTexts(analysis, 'identifier'),
    names: entityTexts(analysis, 'person'),
    people: entityTexts(analysis, 'person'),
    persons: entityTexts(analysis, 'person'),
    organizations: entityTexts(analysis, 'organization'),
    places: entityTexts(analysis, 'place'),
    locations: entityTexts(analysis, 'place'),
  };
  // The decision facts are a policy for customer messages, not facts about any text: only for that task.
  const own = task === 'decision' ? decisionFacts(analysis) : task === 'traits' ? traitsFacts(analysis) : {};
  return factPool({ ...general, ...own });
}
