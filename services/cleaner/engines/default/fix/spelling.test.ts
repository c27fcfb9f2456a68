import { describe, expect, it } from 'vitest';
import { optionalPart } from '../../../../../test/support/optional.ts';
import { createDefaultCleanerEngine } from '../index.ts';

const engine = createDefaultCleanerEngine();

// Over-regularized forms get the irregular form, chosen by the words before them.
const INFLECTIONS: [string, string][] = [
  ['Yesterday I goed to the market.', 'Yesterday I went to the market.'],
  ['She has goed home already.', 'She has gone home already.'],
  ['We buyed a new car last week.', 'We bought a new car last week.'],
  ['My teacher teached us well.', 'My teacher taught us well.'],
  ['The childs are playing outside.', 'The children are playing outside.'],
  ['This cake is gooder than that one.', 'This cake is better than that one.'],
  ['He was choosed for the team.', 'He was chosen for the team.'],
];

// Correct sentences with the irregular forms and with words near the made-up ones.
const CORRECT = [
  'Yesterday I went to the market and bought bread.',
  'She has gone home; the children stayed.',
  'The goods were shipped on Monday.',
  'They teach children to read.',
];

describe('spelling: no harmful fix', () => {
  it.each(INFLECTIONS)('maps the over-regularized form in %j', async (text, expected) => {
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(expected);
    expect(edits.map((edit) => edit.rule)).toContain('inflection');
  });

  it.each(CORRECT)('leaves %j alone', async (text) => {
    const { cleanedText, flags } = await engine.clean(text);
    expect(cleanedText).toBe(text);
    expect(flags).toEqual([]);
  });

  it('leaves an unknown word without a close and plausible suggestion, and flags it', async () => {
    const text = 'The nocive gas filled the room.';
    const { cleanedText, edits, flags } = await engine.clean(text);
    expect(cleanedText).toBe(text);
    expect(edits).toEqual([]);
    expect(flags).toEqual([expect.objectContaining({ start: 4, end: 10, kind: 'spelling', rule: 'spelling' })]);
    const check = await engine.check(text);
    expect(check.needsCleaning).toBe(true);
    expect(check.issues).toContainEqual(
      expect.objectContaining({ start: 4, end: 10, original: 'nocive', replacement: 'nocive' }),
    );
  });

  it('takes the -s form of the closest word when only its ending was missing', async () => {
    expect((await engine.clean('We solved many probles today.')).cleanedText).toBe('We solved many problems today.');
    const text = 'The olders went home early.';
    expect((await engine.clean(text)).cleanedText).toBe(text);
  });

  it('keeps an agent noun an agent noun', async () => {
    expect((await engine.clean('The main contributers met on Monday.')).cleanedText).toBe(
      'The main contributors met on Monday.',
    );
    const text = 'The attributers of the fault were never named.';
    expect((await engine.clean(text)).cleanedText).toBe(text);
  });

  it.each(["Learn the dos and don'ts of the job.", "Each of them has its own's way."])(
    'leaves a known word with a suffix after its apostrophe alone in %j',
    async (text) => {
      const { cleanedText, edits, flags } = await engine.clean(text);
      expect(cleanedText).toBe(text);
      expect(edits).toEqual([]);
      expect(flags).toEqual([]);
    },
  );

  it('leaves a British spelling alone, with no flag: it is right as typed', async () => {
    const text = 'The colourful paint needs careful utilisation.';
    const { cleanedText, flags } = await engine.clean(text);
    expect(cleanedText).toBe(text);
    expect(flags).toEqual([]);
  });

  it('keeps an ending that differs from the typed one only in a vowel', async () => {
    expect((await engine.clean('I belive in hard work.')).cleanedText).toBe('I believe in hard work.');
  });

  it('keeps an ending whose last letter the word doubles', async () => {
    expect((await engine.clean('We play footbal every weekend.')).cleanedText).toBe('We play football every weekend.');
  });

  it('finds a word whose first vowel is wrong as well as another letter', async () => {
    expect((await engine.clean('Animals in the inviroment adapt quickly.')).cleanedText).toBe(
      'Animals in the environment adapt quickly.',
    );
  });

  it('fixes a word whose only rival is the same word with another ending', async () => {
    expect((await engine.clean('He did it for this perpose.')).cleanedText).toBe('He did it for this purpose.');
  });

  it('still fixes a misspelling with one close, common candidate', async () => {
    const { cleanedText, flags } = await engine.clean('We study siences and tecnologies.');
    expect(cleanedText).toBe('We study sciences and technologies.');
    expect(flags).toEqual([]);
  });
});

// Without the trigram model (a fresh clone) spelling and frequency decide alone, with their own weights.
describe('spelling without the model', () => {
  const spellingOnly = createDefaultCleanerEngine({ languageModel: null });

  it.each([
    ['We saw hte cat on the roof.', 'We saw the cat on the roof.'],
    ['I like the yong players.', 'I like the young players.'],
    ['It is mor important now.', 'It is more important now.'],
  ])('fixes a misspelling whose best candidate is clear by spelling and frequency in %j', async (text, expected) => {
    expect((await spellingOnly.clean(text)).cleanedText).toBe(expected);
  });

  it.each(['The colourful paint needs careful utilisation.', "Learn the dos and don'ts of the job."])(
    'leaves %j alone',
    async (text) => {
      const { cleanedText, flags } = await spellingOnly.clean(text);
      expect(cleanedText).toBe(text);
      expect(flags).toEqual([]);
    },
  );
});

// With the trigram model (Debian: libsphinxbase3 + pocketsphinx-en-us), near candidates are weighed in
// their context; without it these are skipped with the reason.
const sphinxbase = await optionalPart('sphinxbase');

describe('spelling in context', sphinxbase.options, () => {
  const CONTEXT_FIXES: [string, string][] = [
    ['The youg generation reads less.', 'The young generation reads less.'],
    ['I have seen it many tims on television.', 'I have seen it many times on television.'],
    ['She is interested in politica and history.', 'She is interested in politics and history.'],
  ];
  // a British word whose candidates the context would otherwise choose among
  const KEPT = ['Understanding maths and physics is useful.', 'She teaches maths at the local school.'];

  it.each(CONTEXT_FIXES)('picks the candidate that fits the words around it in %j', async (text, expected) => {
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(expected);
    expect(edits.map((edit) => edit.rule)).toEqual(['spelling']);
  });

  it.each(KEPT)('leaves %j alone', async (text) => {
    expect((await engine.clean(text)).cleanedText).toBe(text);
  });

  it.each([
    ['We left early inorder to catch the bus.', 'We left early in order to catch the bus.'],
    ['Hardwork pays off in the end.', 'Hard work pays off in the end.'],
    // split before any correction that would change letters ("away", "oldie")
    ['We played allday in the park.', 'We played all day in the park.'],
    ['She cared for him in his oldage.', 'She cared for him in his old age.'],
  ])('writes two words typed as one apart in %j', async (text, expected) => {
    const { cleanedText, edits } = await engine.clean(text);
    expect(cleanedText).toBe(expected);
    expect(edits.map((edit) => edit.rule)).toEqual(['split_words']);
  });

  it.each(['I belive you, really.', 'The carbones glowed in the dark.'])(
    'does not split a word into a pair nobody writes in %j',
    async (text) => {
      const { edits } = await engine.clean(text);
      expect(edits.map((edit) => edit.rule)).not.toContain('split_words');
    },
  );

  it('never lets the context promote a function word the model favours anywhere', async () => {
    // "tire" and "take" are near ties: the word is flagged, and never "there"
    const { cleanedText, flags } = await engine.clean('They pot taire on cars.');
    expect(cleanedText).toBe('They pot taire on cars.');
    expect(flags).toEqual([expect.objectContaining({ start: 9, end: 14, kind: 'spelling' })]);
  });

  // two candidates close in spelling and context: a guess would change the meaning
  it.each([
    ['Most students are not baly at it.', 'baly'],
    ['It will always be puls things for them.', 'puls'],
    ['The contruction of the bridge took years.', 'contruction'],
  ])('leaves a word without a clear winner alone and flags it in %j', async (text, word) => {
    const { cleanedText, edits, flags } = await engine.clean(text);
    expect(cleanedText).toBe(text);
    expect(edits).toEqual([]);
    const start = text.indexOf(word);
    expect(flags).toEqual([expect.objectContaining({ start, end: start + word.length, rule: 'spelling' })]);
  });

  it.each([
    ['Movies and oher shows teach a lot.', 'Movies and other shows teach a lot.'],
    ['He wants to read the bood.', 'He wants to read the book.'],
  ])('restores a left-out letter or weighs common words first in %j', async (text, expected) => {
    expect((await engine.clean(text)).cleanedText).toBe(expected);
  });

  it('never lets the context promote a word with another first letter or without a vowel', async () => {
    const text = 'They were disking the field before the rain.';
    expect((await engine.clean(text)).cleanedText).toBe(text);
  });
});
