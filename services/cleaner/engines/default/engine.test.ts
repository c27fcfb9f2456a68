import { describe, expect, it } from 'vitest';
import type { EditSpan } from '../../engine.ts';
import { createDefaultCleanerEngine } from './index.ts';

const engine = createDefaultCleanerEngine();

function applyEdits(text: string, edits: EditSpan[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    expect(edit.start).toBeGreaterThanOrEqual(at);
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

const MISSPELLINGS: [string, string][] = [
  ['I go to scool by bus.', 'school'],
  ['We meet evry week.', 'every'],
  ['Did you recieve my letter?', 'receive'],
  ['I stayed home becuase it rained.', 'because'],
  ['They study siences at home.', 'sciences'],
  ['New tecnologies change our lives.', 'technologies'],
  ['The goverment raised taxes.', 'government'],
  ['I beleive in you.', 'believe'],
  ['This is very importand for us.', 'important'],
  ['The enviroment needs care.', 'environment'],
  ['We have alot of work.', 'a lot'],
  ['I dont know.', "don't"],
  ['He was realy tired.', 'really'],
  ['Our responsability is clear.', 'responsibility'],
];

const UNCHANGED = [
  'The quick brown fox jumps over the lazy dog.',
  'Marie Curie and Niels Bohr met in Brussels in 1911.',
  'Visit https://example.com/path?q=1 or write to jane.doe@example.org today.',
  'Run `npm install` and set MAX_TEXT_BYTES=65536 in config.yaml first.',
  'It costs $3.50, about 12% more than the 2,000 units we ordered on 10:30.',
  'She said, "I had had enough," and left.',
  'NASA and the FBI use an XML format.',
  "Je suis allé à l'école avec mes amis hier soir.",
  '東京は日本の首都です。',
  'Мы любим читать книги.',
  'An hour later, a university student met an honest man and a one-eyed cat.',
  'e.g. this is fine, i.e. lower case after an abbreviation is kept.',
];

describe('default cleaner engine', () => {
  it('reports its identity', () => {
    expect(engine.info).toEqual({ kind: 'default', id: 'jw2-rules', version: '1.2.0', executionProvider: '' });
  });

  it('cleans the example sentence', async () => {
    const result = await engine.clean('She go to scool evry day .');
    expect(result.cleanedText).toBe('She goes to school every day.');
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 6 });
  });

  it.each(MISSPELLINGS)('fixes the misspelling in %j', async (text, expected) => {
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toContain(expected);
    expect(edits.some((e) => e.kind === 'spelling')).toBe(true);
  });

  it.each(UNCHANGED)('leaves %j byte-identical', async (text) => {
    const result = await engine.clean(text);
    expect(result.cleanedText).toBe(text);
    expect(result.edits).toEqual([]);
    expect((await engine.check(text)).needsCleaning).toBe(false);
  });

  it('fixes spacing, repeats, capitals, articles and agreement with exact offsets', async () => {
    const text = '  i think  the the people , dont like a apple.It is an university for a hour  ';
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe("I think the people, don't like an apple. It is a university for an hour");
    for (const edit of edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    expect(applyEdits(text, edits)).toBe(cleanedText);
    expect(new Set(edits.map((e) => e.kind))).toEqual(
      new Set(['whitespace', 'capitalization', 'repeated_word', 'punctuation', 'spelling', 'article']),
    );
  });

  it('gives "I" its own verb forms, and leaves a Roman numeral "I" alone', async () => {
    const text = 'I has a plan, i is sure of it and I wants to try. World War I is over, Henry I has died.';
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(
      'I have a plan, I am sure of it and I want to try. World War I is over, Henry I has died.',
    );
    expect(
      edits.filter((edit) => edit.kind === 'grammar').map((edit) => `${edit.original}->${edit.replacement}`),
    ).toEqual(['has->have', 'is->am', 'wants->want']);
    for (const edit of edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
  });

  it('maps offsets in UTF-16 code units around astral characters and NFC changes', async () => {
    const text = 'Cafe\u0301 😀 is  nice , i think.';
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe('Café 😀 is nice, I think.');
    for (const edit of edits) expect(text.slice(edit.start, edit.end)).toBe(edit.original);
    expect(applyEdits(text, edits)).toBe(cleanedText);
  });

  it('is deterministic', async () => {
    const text = 'my freind dont beleive that he have a apple , evry day.';
    const first = await engine.clean(text);
    for (let i = 0; i < 3; i++) expect(await engine.clean(text)).toEqual(first);
  });

  it('check() reports a span for every edit clean() makes and detects the language', async () => {
    const text = 'She go to scool evry day .';
    const check = await engine.check(text);
    expect(check).toMatchObject({ language: 'en', languageSupported: true, needsCleaning: true });
    for (const edit of (await engine.clean(text)).edits) {
      expect(check.issues.some((issue) => issue.start <= edit.start && issue.end >= edit.end)).toBe(true);
    }
    // certain fixes carry their replacement; suspicious spans (unknown words) keep the original
    expect(check.issues).toContainEqual(
      expect.objectContaining({ original: 'go', replacement: 'goes', kind: 'grammar' }),
    );
    expect(check.issues).toContainEqual(
      expect.objectContaining({ original: 'scool', replacement: 'scool', kind: 'spelling' }),
    );
    expect(await engine.check('Мы любим читать книги.')).toMatchObject({
      languageSupported: false,
      needsCleaning: false,
    });
    expect((await engine.check('Je suis allé à la plage avec mes amis.')).languageSupported).toBe(false);
    expect(await engine.check('Hello', 'fr')).toMatchObject({ language: 'fr', languageSupported: false });
  });

  it('names the language of non-English text and never rejects short English', async () => {
    expect(await engine.check('Мы любим читать книги.')).toMatchObject({
      language: 'ru',
      languageSupported: false,
      needsCleaning: false,
    });
    expect(await engine.check('Ich möchte wissen, wann meine Bestellung ankommt.')).toMatchObject({
      language: 'de',
      languageSupported: false,
    });
    expect(await engine.check('I has a scool.')).toMatchObject({
      language: 'en',
      languageSupported: true,
      needsCleaning: true,
    });
    expect(await engine.check('Scool evry day.')).toMatchObject({ languageSupported: true, needsCleaning: true });
    expect((await engine.clean('I has a scool.')).cleanedText).toContain('school');
    expect((await engine.clean('Scool evry day.')).cleanedText).toBe('School every day.');
  });

  it('leaves text alone when the caller says it is not English', async () => {
    const result = await engine.clean('i go to scool', { language: 'de' });
    expect(result.cleanedText).toBe('i go to scool');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.clean('text', { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
