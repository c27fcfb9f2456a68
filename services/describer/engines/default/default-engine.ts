// The embedded describer: no model, but maintained NLP libraries (nlp-libraries.ts) and rules. It fills
// what it can honestly know (counts, offsets, entities, tone), writes the shortest valid value elsewhere,
// and names every such field in unfilledFields, so callers can tell real content from placeholders.
import { MprError } from '../../../../lib/errors.ts';
import type { DescribeInput, DescribeResult, DescriberEngine, EngineInfo } from '../../engine.ts';
import { assertSupportedSchema, validateDocument } from '../../tasks/index.ts';
import { loadReaders } from './nlp-libraries.ts';
import { fillSchema } from './schema-filler.ts';
import { factsFor } from './task-facts.ts';
import { analyzeText } from './text-analysis.ts';

const INFO: EngineInfo = Object.freeze({ kind: 'default', id: 'jw3-rules', version: '2.0.0', executionProvider: '' });

export function createDefaultDescriberEngine(): DescriberEngine {
  // Start loading now so that the first request does not wait for it; a failure surfaces on that request.
  loadReaders().catch(() => undefined);
  return {
    info: INFO,
    async describe(input: DescribeInput): Promise<DescribeResult> {
      input.signal?.throwIfAborted();
      assertSupportedSchema(input.schema);
      const readers = await loadReaders();
      input.signal?.throwIfAborted();
      const analysis = analyzeText(input.text, { readers, reference: input.referenceDate ?? new Date() });
      const { document, unfilled } = fillSchema(input.schema, factsFor(analysis, input.task));
      const validation = validateDocument(input.schema, document);
      if (!validation.valid) {
        // A bug in the filler, not in the request: the subset check above guarantees a valid value exists.
        throw new MprError(
          'internal',
          `default describer produced an invalid document: ${validation.errors.join('; ')}`,
        );
      }
      return { document, constrained: false, unfilledFields: unfilled, usage: { inputTokens: 0, outputTokens: 0 } };
    },
  };
}
