// Detectors of commas: after an introductory word, phrase or clause, before "but" and "so" joining
// clauses, and a long stretch of words with none.
import { INTRODUCTORY_PHRASES, INTRODUCTORY_WORDS, wordSet } from '../lexicon/word-lists.ts';
import type { Detector } from './signal-types.ts';

const RUN_ON_WORDS = 18;
const SUBORDINATORS = wordSet(
  'if when although though because while since after before once unless whenever whereas as',
);

export const commas: Detector = ({ tokens, starts }, found) => {
  for (const i of starts) {
    const first = tokens[i]!;
    if (INTRODUCTORY_WORDS.has(first.lower) && tokens[i + 1]?.kind === 'word')
      found('intro_comma', first, first, `comma after introductory "${first.text}"?`);
    for (const parts of INTRODUCTORY_PHRASES) {
      if (!parts.every((part, k) => tokens[i + k]?.lower === part)) continue;
      const after = tokens[i + parts.length];
      if (after?.kind === 'word')
        found('intro_comma', first, tokens[i + parts.length - 1]!, `comma after "${parts.join(' ')}"?`);
    }
  }
  // an introductory clause ("If we go there we ...") and clauses joined by "but"/"so" take a comma
  const wordCount = tokens.filter((t) => t.kind === 'word').length;
  const hasComma = tokens.some((t) => t.text === ',' || t.text === ';');
  const first = tokens.find((t) => t.kind === 'word');
  if (first !== undefined && SUBORDINATORS.has(first.lower) && !hasComma && wordCount >= 8)
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
