// One pass over the text that every task draws from: language, words, sentences, entities, keywords,
// topics, readability and tone traits. Order matters: pattern entities protect their spans from
// sentence splitting, and sentence starts decide which capitalized words count as names.
import { type EntitySpan, findEntities, findPatternEntities } from './entities.ts';
import { detectTopics, extractKeywords, wordsOutside } from './keywords.ts';
import { detectLanguage } from '../../../shared/language/index.ts';
import { type TraitScores, scoreTraits } from './lexical-signals.ts';
import { type Readability, readability } from './readability.ts';
import { type Sentence, type Word, segmentSentences, segmentWords } from './segmentation.ts';
import { SpanIndex } from './span-index.ts';

export interface TextAnalysis {
  text: string;
  language: string;
  words: Word[];
  sentences: Sentence[];
  entities: EntitySpan[];
  keywords: string[];
  topics: string[];
  readability: Readability;
  traits: TraitScores;
}

export function analyzeText(text: string): TextAnalysis {
  const words = segmentWords(text);
  const patterns = findPatternEntities(text);
  const patternIndex = new SpanIndex(text.length, patterns);
  // Words of URLs, emails and numbers ("https", "com", "a") say nothing about the language.
  const prose = wordsOutside(words, patternIndex);
  const language = detectLanguage(
    text,
    prose.map((w) => w.text),
  );
  const sentences = segmentSentences(text, patternIndex, language);
  const entities = findEntities(text, words, sentences, patterns, patternIndex, language);
  return {
    text,
    language,
    words,
    sentences,
    entities,
    keywords: extractKeywords(prose, language),
    topics: detectTopics(text, language),
    readability: readability(words, sentences.length),
    traits: scoreTraits(text, words, sentences),
  };
}
