import { beforeAll, describe, expect, it } from 'vitest';
import { gleuFromStats, gleuStats, jflegGleu, jflegGleuReport, sentenceGleu, splitTokens } from './gleu.ts';
import { optionalPart } from '../test/support/optional.ts';
import { type JflegSplit, loadJflegDev } from './jfleg-data.ts';
import { PythonRandom } from './python-random.ts';

const jfleg = await optionalPart('jfleg');

const tokens = splitTokens;

describe('PythonRandom', () => {
  it('matches CPython random.random() after seed(0)', () => {
    const rng = new PythonRandom(0);
    expect(rng.random()).toBe(0.8444218515250481);
    expect(rng.random()).toBe(0.7579544029403025);
    expect(rng.random()).toBe(0.420571580830845);
  });

  it('draws the same reference indices as Python 2 and Python 3 randint(0, 3) after seed(101)', () => {
    const py2 = new PythonRandom(101);
    expect(Array.from({ length: 10 }, () => py2.randintPy2(0, 3))).toEqual([2, 0, 3, 3, 1, 2, 0, 0, 1, 2]);
    const py3 = new PythonRandom(101);
    expect(Array.from({ length: 10 }, () => py3.randintPy3(0, 3))).toEqual([1, 2, 3, 0, 1, 1, 2, 3, 1, 2]);
  });
});

describe('gleuStats (hand-computed)', () => {
  const source = tokens('the cat sat on mat');
  const reference = tokens('the cat sat on the mat');

  it('penalizes source n-grams the reference dropped', () => {
    // a hypothesis keeping a source word the reference deleted loses it twice: no match and a penalty
    expect(gleuStats(tokens('a b c d e'), tokens('a b c d e'), tokens('a b c d')).slice(2, 4)).toEqual([3, 5]);
    // bigrams: 3 match the reference, "on mat" is a source n-gram missing from it -> 3 - 1;
    // trigrams 2 - 1 ("sat on mat"); 4-grams 1 - 1 ("cat sat on mat").
    expect(gleuStats(source, source, reference)).toEqual([5, 6, 5, 5, 2, 4, 1, 3, 0, 2]);
  });

  it('scores an exact match with the reference as 1 and a zero n-gram count as 0 at corpus level', () => {
    expect(gleuFromStats(gleuStats(source, reference, reference))).toBe(1);
    expect(gleuFromStats(gleuStats(source, source, reference))).toBe(0);
  });

  it('smooths zero counts and applies the brevity penalty at sentence level', () => {
    // p = 5/5, 2/4, 1/3, (0 -> 1)/2; BP = exp(1 - 6/5)
    const expected = 100 * Math.exp(-0.2) * (1 / 12) ** 0.25;
    expect(sentenceGleu('the cat sat on mat', 'the cat sat on mat', ['the cat sat on the mat'])).toBeCloseTo(
      expected,
      10,
    );
  });

  it('counts an inserted new word only as lost precision, with no brevity penalty when longer', () => {
    const stats = gleuStats(tokens('a b c d x'), tokens('a b c d e'), tokens('a b c d'));
    expect(stats.slice(0, 4)).toEqual([5, 4, 4, 5]);
    expect(gleuFromStats(stats)).toBeCloseTo(((4 / 5) * (3 / 4) * (2 / 3) * (1 / 2)) ** 0.25, 12);
  });
});

describe('jflegGleu', () => {
  it('returns 100 when every hypothesis equals its only reference', () => {
    const sentences = ['a b c d', 'e f g h i'];
    expect(jflegGleu({ sources: ['x b c d', 'e f y h i'], hypotheses: sentences, references: [sentences] })).toBe(100);
  });

  it('draws the reference of each sentence with the seeded Python 2 sampler', () => {
    // seed(0): random() = 0.844..., 0.757... -> int(r * 2) = 1 for both sentences: reference set 1.
    const hyps = ['a b c d', 'e f g h'];
    const input = { sources: hyps, hypotheses: hyps, references: [['w x y z', 'w x y z'], hyps] };
    expect(jflegGleuReport(input, { iterations: 1 }).score).toBe(100);
    expect(jflegGleuReport(input, { iterations: 500 }).score).toBeLessThan(100);
  });

  it('rejects mismatched lengths', () => {
    expect(() => jflegGleu({ sources: ['a'], hypotheses: [], references: [['a']] })).toThrow(/hypotheses/);
    expect(() => jflegGleu({ sources: ['a'], hypotheses: ['a'], references: [] })).toThrow(/reference/);
  });
});

describe('JFLEG dev baselines (data read from ../shared/data/jfleg)', jfleg.options, () => {
  let dev: JflegSplit;
  let sources: string[] = [];
  let references: string[][] = [];
  beforeAll(() => {
    dev = loadJflegDev();
    ({ sources, references } = dev);
  });

  it('reproduces copy-source 38.21 (reference scorer: 0.382146)', () => {
    const score = jflegGleu({ sources, hypotheses: sources, references });
    expect(Math.abs(score - 38.21)).toBeLessThan(0.2);
    expect(score).toBeCloseTo(38.2146, 3);
  });

  it('reproduces the spellchecker baseline 43.43 (reference scorer: 0.434434)', () => {
    const score = jflegGleu({ sources, hypotheses: dev.spellchecked, references });
    expect(Math.abs(score - 43.43)).toBeLessThan(0.2);
    expect(score).toBeCloseTo(43.4434, 3);
  });

  it('matches the Python 3 port of the scorer with the python3 sampler', () => {
    expect(jflegGleuReport({ sources, hypotheses: sources, references }, { sampler: 'python3' }).score).toBeCloseTo(
      38.1965,
      3,
    );
  });
});
