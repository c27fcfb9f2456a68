// Tests' way into analyzeText: the real libraries, loaded once, and a fixed reference date so that
// "Friday" and "within 14 days" resolve the same on every run.
import { loadReaders } from './nlp-libraries.ts';
import { analyzeText, type TextAnalysis } from './text-analysis.ts';

/** Monday 17 March 2025. */
export const REFERENCE = new Date('2025-03-17T00:00:00Z');

const readers = await loadReaders();

export function analyze(text: string, reference: Date = REFERENCE): TextAnalysis {
  return analyzeText(text, { readers, reference });
}
