// What the rule engine really knows about a text, as named facts for schema-filler: the documents of
// the named tasks, plus aliases so an inline schema's "word_count" or "emails" finds its fact.
// Anything only approximated (a lead sentence as summary) is wrapped in Approximate and so reported.
import type { EntityType } from '../../tasks/index.ts';
import { Approximate, type FactPool, factPool } from './schema-filler.ts';
import type { TextAnalysis } from './text-analysis.ts';

// Lexicon-based traits only mean something where the word lists apply; clarity rests on lengths alone.
const LEXICON_LANGUAGES = new Set(['en', 'und']);

function lead(analysis: TextAnalysis): Approximate {
  return new Approximate(analysis.sentences[0]?.text ?? '');
}

// The Flesch formulas are calibrated on English only.
function readable<T>(analysis: TextAnalysis, value: T): T | Approximate {
  return analysis.language === 'en' ? value : new Approximate(value);
}

export function describeFacts(analysis: TextAnalysis): Record<string, unknown> {
  const { language, text, words, sentences } = analysis;
  return {
    language: language === 'und' ? new Approximate(language) : language,
    summary: lead(analysis),
    counts: { characters: text.length, words: words.length, sentences: sentences.length },
    readability: readable(analysis, analysis.readability),
    sentences: sentences.map(({ text: sentence, start, end }) => ({ text: sentence, start, end })),
    entities: analysis.entities.map(({ type, text: entity, start, end }) => ({ type, text: entity, start, end })),
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

/**
 * Rules cannot judge a customer's request, so the honest decision is to hand every message to a person.
 * The reason says so and cites the signals seen; the customer reply is only a generic acknowledgment.
 */
export function decisionFacts(analysis: TextAnalysis): Record<string, unknown> {
  const { urgency, sentiment } = analysis.traits;
  const signals = [
    urgency.score >= 2 ? `urgency ${urgency.score}/5 (${urgency.explanation})` : '',
    sentiment.score <= 2 ? `negative tone (${sentiment.explanation})` : '',
  ].filter(Boolean);
  return {
    decision: 'escalate',
    escalation_required: true,
    reason: `The rule-based engine cannot judge requests, so a person must decide. ${
      signals.length > 0 ? `Signals: ${signals.join('; ')}.` : 'No urgency or negative-tone signals found.'
    }`,
    next_action:
      urgency.score >= 4 ? 'Route to a human agent with high priority.' : 'Route to a human agent for review.',
    customer_response: new Approximate(
      'Thank you for your message. A member of our team will review it and get back to you.',
    ),
  };
}

function entityTexts(analysis: TextAnalysis, ...types: EntityType[]): unknown[] {
  return analysis.entities
    .filter((e) => types.includes(e.type))
    .map(({ type, text, start, end }) => ({ type, text, start, end }));
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
    dates: entityTexts(analysis, 'date'),
    numbers: entityTexts(analysis, 'number'),
    names: entityTexts(analysis, 'person_or_name'),
    people: entityTexts(analysis, 'person_or_name'),
    organizations: entityTexts(analysis, 'organization'),
    locations: entityTexts(analysis, 'location'),
  };
  // The decision facts are a policy for customer messages, not facts about any text: only for that task.
  const own = task === 'decision' ? decisionFacts(analysis) : task === 'traits' ? traitsFacts(analysis) : {};
  return factPool({ ...general, ...own });
}
