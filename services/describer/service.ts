// jw3's gRPC handlers: resolve the task (named or inline schema), run the engine with the caller's
// cancellation, validate the document against the schema, and say whether it was constrained. Describe
// answers once; DescribeStream (stream-handler.ts) sends the JSON text as it is generated first.
import { MprError } from '../../lib/errors.ts';
import { validateText } from '../../lib/text-input.ts';
import { unary } from '../../lib/grpc/index.ts';
import type { ModelMetrics } from '../../lib/metrics/index.ts';
import { withSpan } from '../../lib/telemetry/index.ts';
import type { DescribeRequest__Output } from '../../proto/generated/mpr/v1/DescribeRequest.ts';
import type { DescribeResponse } from '../../proto/generated/mpr/v1/DescribeResponse.ts';
import type { DescriberServiceHandlers } from '../../proto/generated/mpr/v1/DescriberService.ts';
import { fromWireGeneration, toWireEngine, toWireTimings } from '../shared/wire.ts';
import type { DescriberEngine, JsonSchema } from './engine.ts';
import { parseReferenceDate } from './reference-date.ts';
import { describeStreamHandler, type RunDescribe } from './stream-handler.ts';

export interface ResolvedTask {
  name: string;
  schema: JsonSchema;
  instructions: string;
}

export interface DescriberServiceOptions {
  maxTextBytes: number;
  /** Named task, or the inline schema (JSON text, parsed and checked by the resolver) when one is given. */
  resolveTask(task: string, schemaJson: string, instructions: string): ResolvedTask;
  validate(schema: JsonSchema, document: unknown): { valid: boolean; errors: string[] };
  metrics?: ModelMetrics;
}

export function createDescriberHandlers(
  engine: DescriberEngine,
  options: DescriberServiceOptions,
): DescriberServiceHandlers {
  const run: RunDescribe = async (request, context, onJsonDelta) => {
    const text = validateText(request.text, { maxBytes: options.maxTextBytes });
    const task = options.resolveTask(request.task, request.schemaJson, request.instructions);
    if (request.adapter && !engine.hasAdapter?.(request.adapter)) {
      throw new MprError(
        'unknown_adapter',
        `unknown adapter "${request.adapter}": the describer serves no adapter of that name`,
      );
    }
    const referenceDate = parseReferenceDate(request.referenceDate);
    const started = performance.now();
    const generation = fromWireGeneration(request.generation);
    const engineAttributes = {
      'mpr.engine.kind': engine.info.kind,
      'mpr.engine.id': engine.info.id,
      'mpr.task': task.name,
      'mpr.input_chars': text.length,
    };
    const result = await withSpan('describer.engine.describe', engineAttributes, async (span) => {
      const described = await engine.describe({
        text,
        task: task.name,
        schema: task.schema,
        instructions: task.instructions,
        ...(referenceDate ? { referenceDate } : {}),
        ...(generation ? { generation } : {}),
        signal: context.signal,
        ...(request.adapter ? { adapter: request.adapter } : {}),
        ...(onJsonDelta ? { onJsonDelta } : {}),
      });
      span.setAttributes({
        'mpr.constrained': described.constrained,
        'mpr.tokens.input': described.usage.inputTokens,
        'mpr.tokens.output': described.usage.outputTokens,
      });
      return described;
    });
    options.metrics?.generation({
      model: engine.info.id,
      ...result.usage,
      timeToFirstTokenMs: result.timings?.timeToFirstTokenMs ?? 0,
      decodeTokensPerSecond: result.timings?.decodeTokensPerSecond ?? 0,
    });
    const validation = withSpan('describer.schema_validate', { 'mpr.task': task.name }, (span) => {
      const outcome = options.validate(task.schema, result.document);
      span.setAttribute('mpr.schema_valid', outcome.valid);
      return outcome;
    });
    return {
      json: JSON.stringify(result.document),
      schemaValid: validation.valid,
      schemaErrors: validation.errors,
      constrained: result.constrained,
      unfilledFields: result.unfilledFields,
      task: task.name,
      usage: result.usage,
      timings: toWireTimings(performance.now() - started, result.timings),
      engine: toWireEngine(engine.info),
    };
  };
  return {
    Describe: unary<DescribeRequest__Output, DescribeResponse>((request, context) => run(request, context)),
    DescribeStream: describeStreamHandler(run),
  };
}
