// Detectors on the surface of the text: words the dictionary does not know, how sentences start and
// end, spacing around punctuation, odd capitals, informal spellings.
import { PROPER_NAMES_LOWER, wordSet } from '../lexicon/word-lists.ts';
import type { Detector } from './signal-types.ts';

const INFORMAL = wordSet(`u ur r pls plz gonna wanna gotta esp coz cuz ppl thx btw tho ok etc ect lol kinda alot b4
  im dont cant wont didnt doesnt isnt thats`);
export const unknownWords: Detector = ({ tokens, words, starts }, found) => {
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || token.text.length < 2 || words.known(token.text)) return;
    // a capital in mid-sentence or all capitals: a name or an acronym the dictionary need not know
    if (!starts.has(i) && /^\p{Lu}/u.test(token.text) && !/\p{Lu}\p{Lu}\p{Ll}/u.test(token.text)) return;
    if (/^\p{Lu}+$/u.test(token.text) || /[^\x00-\x7f’]/.test(token.text)) return;
    if (token.text.includes('-') && token.text.split('-').every((part) => part === '' || words.known(part))) return;
    found('unknown_word', token, token, `"${token.text}" is not in the dictionary`);
  });
};

export const sentenceShape: Detector = ({ tokens, starts }, found) => {
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

export const capitals: Detector = ({ tokens, starts }, found) => {
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
    if (PROPER_NAMES_LOWER.has(token.text))
      found('lowercase_proper', token, token, 'a proper name or adjective in lower case');
    if (INFORMAL.has(token.lower) || token.text === 'i')
      found('informal_word', token, token, `informal or non-standard "${token.text}"`);
  });
};
