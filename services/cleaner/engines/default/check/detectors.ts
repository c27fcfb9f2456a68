// The checker's rule detectors as one ordered table: general patterns of learner English that MIGHT
// need a correction. Each reports spans under a signal name; suspicion.ts weighs them. None rewrites
// text, so a detector may be wrong some of the time as long as it fires far more often on flawed text.
import type { WordClasses } from '../lexicon/word-classes.ts';
import { agreement, numberAgreement, verbForms } from './agreement-signals.ts';
import { determiners, missingArticles } from './article-signals.ts';
import { commas } from './comma-signals.ts';
import { confusables } from './confusable-signals.ts';
import { learnerPatterns } from './learner-signals.ts';
import { phrases } from './phrase-signals.ts';
import type { Detector, Finding, SignalContext } from './signal-types.ts';
import { capitals, sentenceShape, unknownWords } from './surface-signals.ts';
import { sentenceStarts, type Token } from './tokens.ts';

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
