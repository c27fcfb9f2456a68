import { describe, expect, it } from 'vitest';
import { MprError } from '../../../../lib/errors.ts';
import type { DescribeResult } from '../../engine.ts';
import { getTask, listTasks, validateDocument } from '../../tasks/index.ts';
import { createDefaultDescriberEngine } from './index.ts';

const engine = createDefaultDescriberEngine();

const TICKET =
  'Dear Support, my order #1234 from Acme Inc. arrived broken on 12 March 2024. Dr. Jane Smith told me to ' +
  'email support@acme.com or visit https://acme.com/help?topic=refund&lang=en. Please refund $49.99 ASAP! ' +
  'Thanks, Maria Garcia from London.';
const GERMAN =
  'Der Kunde hat am 12.03.2024 eine Rechnung über 120 € bekommen. Das ist nicht gut und wir müssen das bitte schnell klären.';

async function run(text: string, task: string, schema = getTask(task).schema): Promise<DescribeResult> {
  return engine.describe({ text, task, schema });
}

async function errorOf(promise: Promise<unknown>): Promise<MprError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MprError);
  return error as MprError;
}

describe('default describer engine', () => {
  it('identifies itself as the embedded rule engine', () => {
    expect(engine.info).toEqual({ kind: 'default', id: 'jw3-rules', version: '2.0.0', executionProvider: '' });
  });

  it.each(listTasks().map((t) => t.name))(
    'returns a valid, unconstrained %s document for English and German',
    async (task) => {
      for (const text of [TICKET, GERMAN, 'ok', '']) {
        const result = await run(text, task);
        expect(validateDocument(getTask(task).schema, result.document)).toEqual({ valid: true, errors: [] });
        expect(result.constrained).toBe(false);
        expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
      }
    },
  );

  it('describes an English ticket, reporting the summary as unfilled', async () => {
    const result = await run(TICKET, 'describe');
    const doc = result.document as Record<string, any>;
    expect(doc.language).toBe('en');
    expect(doc.summary).toBe('Dear Support, my order #1234 from Acme Inc. arrived broken on 12 March 2024.');
    expect(doc.counts).toEqual({ characters: TICKET.length, words: 41, sentences: 4 });
    expect(doc.sentences).toHaveLength(4);
    for (const item of [...doc.sentences, ...doc.entities]) expect(TICKET.slice(item.start, item.end)).toBe(item.text);
    expect(doc.entities.map((e: { type: string; text: string }) => `${e.type}:${e.text}`)).toEqual([
      'identifier:1234',
      'organization:Acme Inc',
      'date:12 March 2024',
      'person:Jane Smith',
      'email:support@acme.com',
      'url:https://acme.com/help?topic=refund&lang=en',
      'money:$49.99',
      'person:Maria Garcia',
      'place:London',
    ]);
    expect(doc.keywords.slice(0, 3)).toEqual(['support', 'order', 'acme']);
    expect(doc.topics).toEqual(['billing', 'orders', 'technical issue']);
    expect(doc.readability.flesch_reading_ease).toBeGreaterThan(50);
    expect(result.unfilledFields).toEqual(['/summary']);
  });

  it('reports language-dependent fields unfilled for German', async () => {
    const result = await run(GERMAN, 'describe');
    const doc = result.document as Record<string, any>;
    expect(doc.language).toBe('de');
    expect(doc.entities.map((e: { text: string }) => e.text)).toEqual(['12.03.2024', '120 €']);
    expect(result.unfilledFields).toEqual(['/summary', '/readability', '/topics']);
    const traits = await run(GERMAN, 'traits');
    expect(traits.unfilledFields).toEqual(['/politeness', '/urgency', '/formality', '/sentiment']);
  });

  it('reports an undetermined language and empty text honestly', async () => {
    const result = await run('', 'describe');
    expect(result.document).toMatchObject({
      language: 'und',
      summary: '',
      counts: { characters: 0, words: 0, sentences: 0 },
    });
    expect(result.unfilledFields).toEqual(['/language', '/summary', '/readability', '/topics']);
  });

  it('scores traits with explanations and fills them all for English', async () => {
    const result = await run('This is RIDICULOUS!! Fix my account NOW, immediately, asap!!!', 'traits');
    const doc = result.document as Record<string, { score: number; explanation: string }>;
    expect(doc.urgency!.score).toBe(4);
    expect(doc.politeness!.score).toBeLessThanOrEqual(2);
    expect(doc.urgency!.explanation).toContain('"immediately"');
    expect(result.unfilledFields).toEqual([]);
  });

  it('escalates every decision to a person and reports the canned reply as unfilled', async () => {
    const result = await run(TICKET, 'decision');
    expect(result.document).toMatchObject({
      decision: 'escalate',
      escalation_required: true,
      next_action: 'Route to a human agent for review.',
    });
    expect((result.document as { reason: string }).reason).toContain('"asap"');
    expect(result.unfilledFields).toEqual(['/customer_response']);
    const urgent = await run('URGENT: our servers are down, fix it immediately, asap, right away!!', 'decision');
    expect((urgent.document as { next_action: string }).next_action).toContain('high priority');
  });

  it('reads the customer message of issue 21: order, brand, purchase date, deadline, card network, damage, dispute', async () => {
    const message =
      "Hello, I'm writing about order #A-48213-77 for a Samsung Galaxy Tab S9 that I bought on March 3, 2025. " +
      'It arrived with a cracked screen. I paid $649.99 with my Visa card. I expect a full refund or a ' +
      'replacement by Friday, otherwise I will dispute the charge with Visa.';
    const referenceDate = new Date('2025-03-17T09:00:00Z');
    const ask = (task: string) => engine.describe({ text: message, task, schema: getTask(task).schema, referenceDate });
    const entities = ((await ask('describe')).document as { entities: Array<Record<string, unknown>> }).entities;
    expect(entities.map(({ start: _s, end: _e, ...rest }) => rest)).toEqual([
      { type: 'identifier', text: 'A-48213-77', value: 'A-48213-77' },
      { type: 'organization', text: 'Samsung' },
      { type: 'date', text: 'March 3, 2025', value: '2025-03-03' },
      { type: 'money', text: '$649.99', amount: 649.99, currency: 'USD' },
      { type: 'organization', text: 'Visa' },
      { type: 'date', text: 'Friday', value: '2025-03-21', deadline: true },
      { type: 'organization', text: 'Visa' },
    ]);
    const traits = (await ask('traits')).document as Record<string, { score: number; explanation: string }>;
    expect(traits.sentiment!.score).toBeLessThanOrEqual(2);
    expect(traits.sentiment!.explanation).toContain('"cracked"');
    expect(traits.urgency!.score).toBeGreaterThanOrEqual(4);
    expect(traits.urgency!.explanation).toContain('deadline: "Friday" (2025-03-21)');
    expect(traits.urgency!.explanation).toContain('threats: "dispute the charge"');
    const decision = await ask('decision');
    expect(decision.document).toMatchObject({
      decision: 'escalate',
      escalation_required: true,
      priority: 'high',
      next_action: 'Route to a human agent with high priority; answer before 2025-03-21.',
    });
    const reason = (decision.document as { reason: string }).reason;
    expect(reason).toContain('demands "full refund", "replacement" by "Friday" (2025-03-21)');
    expect(reason).toContain('threatens "dispute the charge"');
    expect(reason).toContain('a person must decide');
  });

  it('keeps a demand without deadline or threat at normal priority', async () => {
    const result = await run(
      'Hi, the lid of my kettle is cracked. Could you send a replacement lid? Order 48213.',
      'decision',
    );
    expect(result.document).toMatchObject({ decision: 'escalate', priority: 'normal' });
    expect((result.document as { reason: string }).reason).toContain('demand: "replacement"');
  });

  it('is deterministic', async () => {
    for (const task of ['describe', 'decision', 'traits']) {
      const [a, b] = await Promise.all([run(TICKET, task), run(TICKET, task)]);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  });

  it('fills an inline schema by property names and reports everything else', async () => {
    const schema = {
      type: 'object',
      required: ['word_count', 'title', 'stats', 'emails'],
      properties: {
        word_count: { type: 'integer' },
        emails: { type: 'array', items: { type: 'string' } },
        people: {
          type: 'array',
          items: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
        },
        lang: { enum: ['en', 'de'] },
        stats: {
          type: 'object',
          required: ['sentence_count', 'mood'],
          properties: { sentence_count: { type: 'integer' }, mood: { type: ['string', 'null'] } },
        },
        sentiment: { type: 'integer', minimum: 1, maximum: 5 },
        title: { type: 'string', maxLength: 10 },
        priority: { type: 'integer' },
      },
    };
    const result = await run(TICKET, 'custom', schema);
    expect(result.document).toEqual({
      word_count: 41,
      emails: ['support@acme.com'],
      people: [{ text: 'Jane Smith' }, { text: 'Maria Garcia' }],
      lang: 'en',
      stats: { sentence_count: 4, mood: null },
      sentiment: 4,
      title: '',
    });
    expect(result.unfilledFields).toEqual(['/stats/mood', '/title', '/priority']);
  });

  it('does not pass off a fact that does not fit the schema as filled', async () => {
    const schema = {
      type: 'object',
      required: ['language', 'emails'],
      properties: { language: { enum: ['fr'] }, emails: { type: 'array', items: { type: 'integer' } } },
    };
    const result = await run(TICKET, 'custom', schema);
    expect(result.document).toEqual({ language: 'fr', emails: [] });
    expect(result.unfilledFields).toEqual(['/language', '/emails']);
  });

  it('rejects unsupported and unsatisfiable inline schemas with unsupported_schema', async () => {
    expect((await errorOf(run(TICKET, 'custom', { type: 'string', pattern: '(a)\\1' }))).code).toBe(
      'unsupported_schema',
    );
    const impossible = { type: 'object', required: ['x'], additionalProperties: false, properties: {} };
    const error = await errorOf(run(TICKET, 'custom', impossible));
    expect(error.code).toBe('unsupported_schema');
    expect(error.message).toContain('"x" is required but not allowed');
    expect((await errorOf(run(TICKET, 'custom', { type: 'integer', minimum: 1.2, maximum: 1.8 }))).message).toContain(
      'admits no value',
    );
    expect((await errorOf(run(TICKET, 'custom', { type: 'array', minItems: 3, maxItems: 1 }))).code).toBe(
      'unsupported_schema',
    );
  });

  it('honours an already aborted request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      engine.describe({
        text: TICKET,
        task: 'describe',
        schema: getTask('describe').schema,
        signal: controller.signal,
      }),
    ).rejects.toThrow(/aborted/i);
  });
});
