// Runs the real trigram model (Debian: libsphinxbase3 + pocketsphinx-en-us, which .ci/run installs);
// a machine without it skips these with the reason (fails them under .ci/run).
import { beforeAll, describe, expect, it } from 'vitest';
import { optionalPart } from '../../../../../test/support/optional.ts';
import { spellDictionary } from '../lexicon/dictionary.ts';
import { findModelSignals } from './model-signals.ts';
import { loadNgramModel, sharedNgramModel, type NgramModel } from './ngram-model.ts';
import { assessSuspicion, PARSER_PROFILE } from './suspicion.ts';
import { tokenize } from './tokens.ts';

function mustLoad(): NgramModel {
  const loaded = sharedNgramModel();
  if ('unavailable' in loaded) throw new Error(`the trigram model did not load: ${loaded.unavailable}`);
  return loaded.model;
}

const sphinxbase = await optionalPart('sphinxbase');
let model: NgramModel;
beforeAll(() => {
  if (sphinxbase.available) model = mustLoad();
});
const articles = (text: string): string[] =>
  findModelSignals(tokenize(text), model).map((f) => text.slice(f.start, f.end));

// An article the model finds far likelier gone, and the same sentence with it gone or rightly there.
const PAIRS: [string, string][] = [
  ['I am interested in the music.', 'I am interested in music.'],
  ['He wants to study the economics in college.', 'He wants to study economics in college.'],
  ['The life is very short.', 'Life is very short.'],
  ['We went to the school by the bus.', 'We went to school by bus.'],
];

describe('trigram model signals', sphinxbase.options, () => {
  it.each(PAIRS)('flags a needless article in %j and nothing in %j', (flawed, correct) => {
    expect(articles(flawed).length).toBeGreaterThan(0);
    expect(articles(correct)).toEqual([]);
  });

  it('leaves articles the phrase needs', () => {
    expect(articles('She plays the piano every day.')).toEqual([]);
    expect(articles('Most of the students like sports.')).toEqual([]);
  });

  it('points at the article and its word, and sends the text to the model', () => {
    expect(articles('I am interested in the music.')).toEqual(['the music']);
    const suspicion = assessSuspicion('I am interested in the music.', spellDictionary(), {}, PARSER_PROFILE, model);
    expect(suspicion.needsCleaning).toBe(true);
    expect(suspicion.findings.map((f) => f.signal)).toEqual(['needless_article']);
    expect(assessSuspicion('I am interested in the music.', spellDictionary(), {}, PARSER_PROFILE).needsCleaning).toBe(
      false,
    );
  });

  it('scores the words it knows: a likelier continuation gets a higher log probability', () => {
    const [the, of, said] = ['the', 'of', 'said'].map((w) => model.wordId(w)) as [number, number, number];
    expect(model.wordId('qzxv')).toBe(model.unknown);
    expect(model.logProb(the, of, model.unknown)).toBeGreaterThan(model.logProb(said, of, model.unknown));
    expect(model.logProb(the, of, model.unknown)).toBeLessThan(0);
  });

  it('says why when the library or the model is missing', () => {
    expect(loadNgramModel({ library: 'libsphinxbase-missing.so' })).toMatchObject({
      unavailable: expect.stringContaining('libsphinxbase-missing.so'),
    });
    expect(loadNgramModel({ path: '/nonexistent/en-us.lm.bin' })).toMatchObject({
      unavailable: expect.stringContaining('pocketsphinx-en-us'),
    });
  });
});
