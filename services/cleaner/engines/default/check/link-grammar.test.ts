// Runs the real Link Grammar library (Debian: liblink-grammar5 + link-grammar-dictionaries-en, which
// .ci/run installs); a machine without it skips these with the reason (fails them under .ci/run).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionalPart } from '../../../../../test/support/optional.ts';
import { loadCheckerParser } from './checker-parser.ts';
import { spellDictionary } from '../lexicon/dictionary.ts';
import { createDefaultCleanerEngine } from '../index.ts';
import { COSTLY_READING_MIN_COST, findParserSignals, MAX_PARSE_WORDS, PLAIN_DISJUNCT_COST } from './grammar-signals.ts';
import { loadLinkGrammar, type GrammarParse, type GrammarParser, type ParseLimits } from './link-grammar.ts';
import { assessSuspicion, assessSuspicionWithParser } from './suspicion.ts';

function mustLoad(): GrammarParser {
  const loaded = loadLinkGrammar();
  if ('unavailable' in loaded) throw new Error(`link-grammar did not load: ${loaded.unavailable}`);
  return loaded.parser;
}

const linkGrammar = await optionalPart('link-grammar');
let parser: GrammarParser;
beforeAll(() => {
  if (linkGrammar.available) parser = mustLoad();
});
afterAll(() => parser?.close());

describe('without the library', () => {
  it('reports a missing library as a reason, and the checker modes follow it', () => {
    const missing = loadLinkGrammar({ library: 'libdoes-not-exist.so.9' });
    expect(missing).toEqual({ unavailable: expect.stringContaining('libdoes-not-exist.so.9') });
    expect(loadCheckerParser('auto', 'libdoes-not-exist.so.9')).toMatchObject({
      parser: undefined,
      description: expect.stringContaining('rules only'),
    });
    expect(() => loadCheckerParser('link-grammar', 'libdoes-not-exist.so.9')).toThrow(
      expect.objectContaining({ code: 'unavailable' }),
    );
    expect(loadCheckerParser('off')).toEqual({ parser: undefined, description: 'rules only (checker parser off)' });
  });
});

describe('Link Grammar parser', linkGrammar.options, () => {
  it('loads without printing locale messages, even under a locale that is not installed', () => {
    const load = `const { loadLinkGrammar } = await import(${JSON.stringify(new URL('./link-grammar.ts', import.meta.url).href)});
      const loaded = loadLinkGrammar(); if (!('parser' in loaded)) throw new Error(loaded.unavailable);
      console.log(JSON.stringify(await loaded.parser.parse('It works.'))); await loaded.parser.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', load], {
      env: { ...process.env, LANG: 'xx_XX.UTF-8', LC_ALL: 'xx_XX.UTF-8' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ complete: true });
  });

  it('links a grammatical sentence completely and cheaply', async () => {
    const parse = await parser.parse('There are several reasons.');
    expect(parse).toMatchObject({ complete: true, timedOut: false });
    expect(parse.costPerWord).toBeLessThan(0.3);
    expect(parser.version).toMatch(/^link-grammar-5\./);
  });

  it.each(['There are several reason.', 'New plant could not grow after the fires.', 'He have a car.'])(
    'finds no complete linkage for %j',
    async (text) => {
      expect(await parser.parse(text)).toEqual({ complete: false, costPerWord: undefined, timedOut: false });
    },
  );

  it('gives the same verdicts in parallel as one at a time', async () => {
    const texts = [
      'I have several reason to support my choice.',
      'I have several reasons to support my choice.',
      'The cats sleeps.',
      'The cats sleep.',
    ];
    const sequential = [];
    for (const text of texts) sequential.push(await parser.parse(text));
    const parallel = await Promise.all([...texts, ...texts].map((text) => parser.parse(text)));
    expect(parallel).toEqual([...sequential, ...sequential]);
  });

  it('finishes the parses under way before it closes, and refuses new ones', async () => {
    const own = mustLoad();
    const running = ['It rains.', 'The cats sleeps.', 'We stay home.'].map((text) => own.parse(text));
    const closed = own.close();
    await expect(own.parse('It rains.')).rejects.toThrow(/closed/);
    expect((await Promise.all(running)).map((parse) => parse.complete)).toEqual([true, false, true]);
    await closed;
  });

  it('loads Link Grammar in auto mode when the library is there', async () => {
    const auto = loadCheckerParser('auto');
    expect(auto.description).toMatch(/^rules \+ link-grammar-5\./);
    await auto.parser?.close();
  });
});

describe('parser signals in the checker', linkGrammar.options, () => {
  const dictionary = spellDictionary();

  it('flags with offsets the sentence the parser cannot link, and only that one', async () => {
    const text = 'The weather is nice. There are several reason. We stay home.';
    const findings = await findParserSignals(text, parser);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ signal: 'unparsable' });
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe('There are several reason.');
  });

  it('stops at the first sentence it flags', async () => {
    const text = 'There are several reason. He have a car.';
    expect((await findParserSignals(text, parser)).map((f) => text.slice(f.start, f.end))).toEqual([
      'There are several reason.',
    ]);
  });

  it('counts a complete reading as strained from the cost per word it is given', async () => {
    // "several reason" links, but only through costly disjuncts: 0.25 per word.
    const text = 'I have several reason to support my choice.';
    expect((await parser.parse(text)).costPerWord).toBeCloseTo(0.25, 2);
    expect(await findParserSignals(text, parser)).toEqual([]);
    expect(await findParserSignals(text, parser, { strain: 0.25 })).toEqual([
      expect.objectContaining({ signal: 'strained_parse', start: 0, end: text.length }),
    ]);
    expect(await findParserSignals(text, parser, { strain: 0.26 })).toEqual([]);
  });

  it('caps the cost of a single disjunct when asked', async () => {
    // "me" as a subject links only through a disjunct of cost 1.
    const text = 'My friends and me went to the cinema yesterday evening after the lesson.';
    expect(await parser.parse(text)).toMatchObject({ complete: true, cost: 1 });
    expect(await parser.parse(text, { maxDisjunctCost: 1 })).toMatchObject({ complete: true, cost: 1 });
    expect(await parser.parse(text, { maxDisjunctCost: 0.5 })).toMatchObject({ complete: false, cost: undefined });
  });

  it('flags a costly reading only when the plain grammar finds none', async () => {
    const stub = (cost: number, plain: boolean): GrammarParser => ({
      version: 'stub',
      close: async () => {},
      parse: async (_sentence: string, limits: ParseLimits = {}): Promise<GrammarParse> =>
        limits.maxDisjunctCost === PLAIN_DISJUNCT_COST && !plain
          ? { complete: false, costPerWord: undefined, cost: undefined, timedOut: false }
          : { complete: true, costPerWord: 0.1, cost, timedOut: false },
    });
    const text = 'A sentence of some forty words in all would go here.';
    expect(await findParserSignals(text, stub(COSTLY_READING_MIN_COST, false))).toEqual([
      expect.objectContaining({ signal: 'costly_reading', start: 0, end: text.length }),
    ]);
    expect(await findParserSignals(text, stub(COSTLY_READING_MIN_COST, true))).toEqual([]);
    expect(await findParserSignals(text, stub(COSTLY_READING_MIN_COST - 0.5, false))).toEqual([]);
  });

  it('sends sentences over the word limit to the model without parsing them', async () => {
    const long = `${Array.from({ length: MAX_PARSE_WORDS + 1 }, () => 'very').join(' ')} good.`;
    expect(await findParserSignals(long, parser)).toEqual([
      expect.objectContaining({ signal: 'unparsable', message: expect.stringContaining('too long') }),
    ]);
  });

  it('catches what the rules miss', async () => {
    const text = 'New plant could not grow after the fires.';
    expect(assessSuspicion(text, dictionary).needsCleaning).toBe(false);
    const withParser = await assessSuspicionWithParser(text, dictionary, parser);
    expect(withParser.needsCleaning).toBe(true);
    expect(withParser.findings.map((f) => f.signal)).toEqual(['unparsable']);
  });

  it.each([
    'So I think we would not be alive if our ancestors did not develop sciences and technologies.',
    'Many people believe that money is more important than health.',
    'However, he went to school by bus every day.',
    'These students have their own opinions about the course.',
  ])('stays quiet on %j', async (text) => {
    expect(await assessSuspicionWithParser(text, dictionary, parser)).toMatchObject({
      score: 0,
      needsCleaning: false,
      findings: [],
    });
  });

  it('drops the weak rule signals the parser supersedes', async () => {
    // A long clause without a comma: a weak rule signal alone, and a sentence the parser links.
    const text = 'If we have enough money we will travel around the world.';
    expect(assessSuspicion(text, dictionary).needsCleaning).toBe(true);
    expect((await assessSuspicionWithParser(text, dictionary, parser)).needsCleaning).toBe(false);
  });

  it('is the engine checker when the engine is given the parser', async () => {
    const engine = createDefaultCleanerEngine({ parser });
    const check = await engine.check('The reason are clear.');
    expect(check).toMatchObject({ languageSupported: true, needsCleaning: true });
    expect(check.issues).toEqual([
      expect.objectContaining({ start: 0, end: 21, kind: 'grammar', replacement: 'The reason are clear.' }),
    ]);
    expect((await createDefaultCleanerEngine().check('The reason are clear.')).needsCleaning).toBe(false);
  });
});
