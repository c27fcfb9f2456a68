// Which engine each agent runs: the model from the manifest or flags when one is configured, else the
// embedded default. The only place that knows every engine implementation.
//
// Rules (the configuration contract, as the deploy manifests use it): the model directory setting is the
// switch. --cleaner-model / --describer-model (MPR_CLEANER_MODEL / MPR_DESCRIBER_MODEL) empty keeps the
// embedded engine; a directory loads the LLM engine from it. The manifest (--model-manifest /
// MPR_MODEL_MANIFEST, else models/registry.yaml when present) gives that agent's prompt template,
// generation defaults and execution provider (cuda is tried first, with a logged fallback to cpu). Id
// and version come from the manifest entry when its `path` is that directory; a directory the manifest
// does not list is named by its config.json (`mpr_model_id` / `mpr_model_version`) or its folder name.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import {
  DEFAULT_MANIFEST_PATH,
  loadModelManifest,
  loadTextGenerator,
  type AgentName,
  type ModelSpec,
  type OnnxTextGenerator,
} from '../models/index.ts';
import type { CleanerEngine, EngineInfo } from './cleaner/engine.ts';
import type { DescriberEngine } from './describer/engine.ts';
import { createDefaultCleanerEngine, loadCheckerParser, sharedNgramModel } from './cleaner/engines/default/index.ts';
import { LlmCleanerEngine } from './cleaner/engines/llm/index.ts';
import { createDefaultDescriberEngine } from './describer/engines/default/index.ts';
import { LlmDescriberEngine } from './describer/engines/llm/index.ts';

const MODEL_ENV: Record<AgentName, string> = { cleaner: 'MPR_CLEANER_MODEL', describer: 'MPR_DESCRIBER_MODEL' };

/** The model an agent serves under this configuration, or null for the embedded engine. */
export async function resolveAgentModel(agent: AgentName, config: Config): Promise<ModelSpec | null> {
  const dir = agent === 'cleaner' ? config.cleanerModel : config.describerModel;
  if (!dir) return null;
  // The compiled build ships no registry.yaml; without one the directory alone describes the model.
  const path = config.modelManifest || (existsSync(DEFAULT_MANIFEST_PATH) ? DEFAULT_MANIFEST_PATH : undefined);
  const [chosen, listed] = await Promise.all([
    loadModelManifest({ ...(path ? { path } : {}), env: { [MODEL_ENV[agent]]: dir } }),
    loadModelManifest({ ...(path ? { path } : {}), env: {} }),
  ]);
  const spec = chosen.agents[agent];
  if (spec.kind !== 'onnx') return null;
  const entry = listed.agents[agent];
  if (entry.kind === 'onnx' && entry.dir === spec.dir) return { ...spec, id: entry.id, version: entry.version };
  return { ...spec, ...(await identityFromDir(spec.dir)) };
}

async function identityFromDir(dir: string): Promise<{ id: string; version: string }> {
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // loadTextGenerator reports a missing or broken config.json with the model's other files.
  }
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  return { id: text(config.mpr_model_id) ?? basename(dir), version: text(config.mpr_model_version) ?? 'local' };
}

/** Builds an engine over a freshly loaded generator, closing the generator when the engine refuses its settings. */
async function withGenerator<T>(
  spec: ModelSpec,
  logger: Logger | undefined,
  build: (generator: OnnxTextGenerator, info: EngineInfo) => T,
): Promise<T> {
  const { generator, info } = await loadModel(spec, logger);
  try {
    return build(generator, info);
  } catch (error) {
    await generator.close();
    throw error;
  }
}

async function loadModel(
  spec: ModelSpec,
  logger: Logger | undefined,
): Promise<{ generator: OnnxTextGenerator; info: EngineInfo }> {
  const { id, version } = spec;
  const generator = await loadTextGenerator(spec.dir, {
    modelId: id,
    executionProviders: spec.executionProviders,
    ...(spec.cudaDeviceId !== undefined ? { cudaDeviceId: spec.cudaDeviceId } : {}),
    ...(spec.gpuMemLimitBytes !== undefined ? { gpuMemLimitBytes: spec.gpuMemLimitBytes } : {}),
    ...(spec.intraOpThreads !== undefined ? { intraOpThreads: spec.intraOpThreads } : {}),
    ...(spec.interOpThreads !== undefined ? { interOpThreads: spec.interOpThreads } : {}),
    ...(logger ? { logger } : {}),
  });
  const info: EngineInfo = { kind: 'llm', id, version, executionProvider: generator.executionProvider };
  logger?.info(
    {
      agent: spec.agent,
      model: id,
      version,
      dir: spec.dir,
      source: spec.source,
      executionProvider: generator.executionProvider,
      fallbackReason: generator.fallbackReason,
    },
    `${spec.agent} serves model ${id} on ${generator.executionProvider}`,
  );
  return { generator, info };
}

export async function loadCleanerEngine(config: Config, logger?: Logger): Promise<CleanerEngine> {
  const { parser, description } = loadCheckerParser(config.cleanerCheckerParser);
  if (parser)
    logger?.info(
      { checker: description, strain: config.cleanerCheckerStrain },
      `cleaner checker: ${description}, parser strain ${config.cleanerCheckerStrain}`,
    );
  else if (config.cleanerCheckerParser === 'off')
    logger?.info({ checker: description }, `cleaner checker: ${description}`);
  else
    logger?.warn(
      { checker: description },
      `cleaner checker: ${description}; install liblink-grammar5 and link-grammar-dictionaries-en for fewer false skips`,
    );
  const trigram = sharedNgramModel();
  if ('unavailable' in trigram)
    logger?.warn(
      { trigram: trigram.unavailable },
      `cleaner checker: no trigram model (${trigram.unavailable}); install libsphinxbase3 and pocketsphinx-en-us for fewer false skips`,
    );
  const rules = createDefaultCleanerEngine(
    parser ? { parser, ownsParser: true, suspicion: { parserStrain: config.cleanerCheckerStrain } } : {},
  );
  // Load the dictionary before the server reports SERVING, so the first request does not pay for it.
  // The LLM engine needs it too: check() and the guard's 'default' fallback are the rule engine's.
  await rules.warmup();
  try {
    const spec = await resolveAgentModel('cleaner', config);
    if (!spec) return rules;
    return await withGenerator(
      spec,
      logger,
      (generator, info) =>
        new LlmCleanerEngine({
          generator,
          info,
          rules,
          promptTemplate: spec.promptTemplate,
          generation: spec.generation,
          guard: { maxEditRatio: config.cleanerGuardMaxEditRatio },
          fallback: config.cleanerGuardFallback,
        }),
    );
  } catch (error) {
    await rules.close();
    throw error;
  }
}

export async function loadDescriberEngine(config: Config, logger?: Logger): Promise<DescriberEngine> {
  const spec = await resolveAgentModel('describer', config);
  if (!spec) return createDefaultDescriberEngine();
  return withGenerator(
    spec,
    logger,
    (generator, info) =>
      new LlmDescriberEngine({
        generator,
        info,
        promptTemplate: spec.promptTemplate,
        generation: spec.generation,
        constrained: config.describerConstrained,
      }),
  );
}
