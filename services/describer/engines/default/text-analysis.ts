// One pass over the text that every task draws from: language, words, sentences, entities, keywords,
// topics, readability and traits. Order matters: pattern spans (URLs, emails, dates, numbers) protect
// themselves from sentence splitting and keep their words out of language detection and keywords.
import { type EntitySpan, findEntities, findPatternEntities } from './entities.ts';
import { detectTopics, extractKeywords, wordsOutside } from './keywords.ts';
import { detectLanguage } from '../../../shared/language/index.ts';
import { explain, listed, scoreStyle, type TraitScores } from './lexical-signals.ts';
import type { Readers } from './nlp-libraries.ts';
import { type Readability, readability } from './readability.ts';
import { type Sentence, type Word, segmentSentences, segmentWords } from './segmentation.ts';
import { SpanIndex } from './span-index.ts';
import { readSentiment, sentimentScore } from './tone.ts';
import { readUrgencyCues, type UrgencyCues, urgencyExplanation, urgencyScore } from './urgency.ts';

export interface TextAnalysis {
  text: string;
  language: string;
  /** What relative dates were resolved against. */
  reference: Date;
  words: Word[];
  sentences: Sentence[];
  entities: EntitySpan[];
  keywords: string[];
  topics: string[];
  readability: Readability;
  traits: TraitScores;
  urgency: UrgencyCues;
}

export interface AnalysisContext {
  readers: Readers;
  reference: Date;
}

export function analyzeText(text: string, { readers, reference }: AnalysisContext): TextAnalysis {
  const words = segmentWords(text);
  const patternIndex = new SpanIndex(text.length, findPatternEntities(text));
  // Words of URLs, emails and numbers ("https", "com", "a") say nothing about the language.
  const prose = wordsOutside(words, patternIndex);
  const language = detectLanguage(
    text,
    prose.map((w) => w.text),
  );
  const sentences = segmentSentences(text, patternIndex, language);
  const entities = findEntities({ text, language, readers, reference });
  const sentiment = readSentiment(readers, text, sentences, entities);
  const urgency = readUrgencyCues(text, entities);
  return {
    text,
    language,
    reference,
    words,
    sentences,
    entities,
    keywords: extractKeywords(prose, language),
    topics: detectTopics(text, language),
    readability: readability(words, sentences.length),
    traits: {
      ...scoreStyle(text, words, sentences),
      urgency: { score: urgencyScore(urgency, reference), explanation: explain([urgencyExplanation(urgency)]) },
      sentiment: {
        score: sentimentScore(sentiment.compound),
        explanation: explain([
          `VADER compound ${sentiment.compound.toFixed(2)}`,
          listed('positive words', sentiment.positive),
          listed('negative words', sentiment.negative),
        ]),
      },
    },
    urgency,
  };
}
