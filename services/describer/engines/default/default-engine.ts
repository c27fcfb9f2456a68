// The embedded describer: no model, but maintained NLP libraries (nlp-libraries.ts) and rules. It fills
// what it can honestly know (counts, offsets, entities, tone), writes the shortest valid value elsewhere,
// and names every such field in unfilledFields, so callers can tell real content from placeholders.
import { MprError } from '../../../../lib/errors.ts';
import type { DescribeInput, DescribeResult, DescriberEngine, EngineInfo } from '../../engine.ts';
import { assertSupportedSchema, isTaskSchema, listTasks, validateDocument } from '../../tasks/index.ts';
import { shortestValidDocument } from '../../../../models/index.ts';
import { loadReaders } from './nlp-libraries.ts';
import { fillSchema } from './schema-filler.ts';
import { factsFor } from './task-facts.ts';
import { analyzeText } from './text-analysis.ts';

const INFO: EngineInfo = Object.freeze({ kind: 'default', id: 'jw3-rules', version: '2.0.0', executionProvider: '' });

// A message that sends every reader through its paths once (names, a deadline, money, a threat, tone).
const WARMUP_TEXT =
  'Dear Amazon team, my order 48213 from Best Buy arrived damaged in Paris on March 3. ' +
  'Please refund the $649.99 by Friday or I will dispute the charge with Visa. Thanks, Maria Lopez';

export interface DefaultDescriberEngine extends DescriberEngine {
  /**
   * Loads the libraries and answers one message per named task, so that the first request neither
   * imports modules nor compiles a validator. The agent awaits it before it reports SERVING.
   */
  warmup(): Promise<void>;
}

export function createDefaultDescriberEngine(): DefaultDescriberEngine {
  const engine: DefaultDescriberEngine = {
    info: INFO,
    async warmup(): Promise<void> {
      // Every named task once: besides the libraries, its schema's validator compiles here.
      for (const task of listTasks())
        await engine.describe({ text: WARMUP_TEXT, task: task.name, schema: task.schema });
    },
    async describe(input: DescribeInput): Promise<DescribeResult> {
      input.signal?.throwIfAborted();
      // The named tasks' own schemas are known to be supported; only other schemas need the check.
      if (!isTaskSchema(input.schema)) assertSupportedSchema(input.schema);
      const readers = await loadReaders();
      input.signal?.throwIfAborted();
      const analysis = analyzeText(input.text, { readers, reference: input.referenceDate ?? new Date() });
      const facts = factsFor(analysis, input.task);
      let filled: { document: unknown; unfilled: string[] } | null = null;
      try {
        filled = fillSchema(input.schema, facts);
      } catch {
        // The filler knows the common keywords only; the constraint's shortest document covers the rest.
      }
      if (!filled || !validateDocument(input.schema, filled.document).valid) {
        const document = shortestValidDocument(input.schema);
        const validation = validateDocument(input.schema, document);
        if (!validation.valid) {
          // The schema's shortest document misses a keyword checked only after decoding (not, oneOf...).
          throw new MprError(
            'unsupported_schema',
            `no document satisfying the schema could be written: ${validation.errors.join('; ')}`,
          );
        }
        filled = { document, unfilled: [''] };
      }
      return {
        document: filled.document,
        constrained: false,
        unfilledFields: filled.unfilled,
        usage: { inputTokens: 0, outputTokens: 0 },
      };
    },
  };
  return engine;
}
