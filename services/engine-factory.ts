// Which engine each agent runs: the model its configuration names, else the embedded default. The only
// place that knows every engine implementation.
//
// Rules (the configuration contract, as the deploy manifests use it): the model directory setting is the
// switch. --cleaner-model / --describer-model (MPR_CLEANER_MODEL / MPR_DESCRIBER_MODEL) empty keeps the
// embedded engine; a directory loads the LLM engine from it. The manifest (--model-manifest /
// MPR_MODEL_MANIFEST, else models/registry.yaml when present) gives that agent's prompt template,
// generation defaults and execution provider under the agent's name (cuda is tried first, with a logged
// fallback to cpu); models/src/registry.ts says where id and version come from.
import { existsSync } from 'node:fs';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import {
  DEFAULT_MANIFEST_PATH,
  loadModelManifest,
  loadTextGenerator,
  resolveModel,
  type ModelSpec,
  type OnnxTextGenerator,
} from '../models/index.ts';
import type { CleanerEngine, EngineInfo } from './cleaner/engine.ts';
import type { DescriberEngine } from './describer/engine.ts';
import { createDefaultCleanerEngine, loadCheckerParser, sharedNgramModel } from './cleaner/engines/default/index.ts';
import { LlmCleanerEngine, type AdapterDefaults } from './cleaner/engines/llm/index.ts';
import { createDefaultDescriberEngine } from './describer/engines/default/index.ts';
import { LlmDescriberEngine } from './describer/engines/llm/index.ts';

export type AgentName = 'cleaner' | 'describer';

/** The model an agent serves under this configuration, or null for the embedded engine. */
export async function resolveAgentModel(agent: AgentName, config: Config): Promise<ModelSpec | null> {
  const dir = agent === 'cleaner' ? config.cleanerModel : config.describerModel;
  if (!dir) return null;
  // The compiled build ships no registry.yaml; without one the directory alone describes the model.
  const path = config.modelManifest || (existsSync(DEFAULT_MANIFEST_PATH) ? DEFAULT_MANIFEST_PATH : null);
  return resolveModel(await loadModelManifest(path), agent, dir);
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
    ...(spec.adapters ? { adapters: spec.adapters } : {}),
    ...(logger ? { logger } : {}),
  });
  const info: EngineInfo = { kind: 'llm', id, version, executionProvider: generator.executionProvider };
  logger?.info(
    {
      agent: spec.role,
      model: id,
      version,
      dir: spec.dir,
      source: spec.source,
      executionProvider: generator.executionProvider,
      fallbackReason: generator.fallbackReason,
      adapters: generator.adapterNames(),
    },
    `${spec.role} serves model ${id} on ${generator.executionProvider}`,
  );
  return { generator, info };
}

function adapterDefaults(spec: ModelSpec): AdapterDefaults {
  return {
    ...(spec.defaultAdapter ? { defaultAdapter: spec.defaultAdapter } : {}),
    ...(spec.paraphraseAdapter ? { paraphraseAdapter: spec.paraphraseAdapter } : {}),
  };
}

/**
 * Re-reads the manifest and gives an agent's LLM engine the adapters its entry lists now (SIGHUP, or the
 * manifest file changed): new adapters serve once loaded, removed ones finish their running requests.
 * Engines without a model, or whose entry names no base, have nothing to reload.
 */
export async function reloadAgentAdapters(
  agent: AgentName,
  engine: CleanerEngine | DescriberEngine,
  config: Config,
  logger?: Logger,
): Promise<void> {
  if (!(engine instanceof LlmCleanerEngine) && !(engine instanceof LlmDescriberEngine)) return;
  const spec = await resolveAgentModel(agent, config);
  if (!spec?.adapters) return;
  if (engine instanceof LlmCleanerEngine) await engine.setAdapters(spec.adapters, adapterDefaults(spec));
  else await engine.setAdapters(spec.adapters, spec.defaultAdapter);
  logger?.info({ agent, adapters: Object.keys(spec.adapters) }, `${agent} adapters reloaded`);
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
          adapters: adapterDefaults(spec),
        }),
    );
  } catch (error) {
    await rules.close();
    throw error;
  }
}

export async function loadDescriberEngine(config: Config, logger?: Logger): Promise<DescriberEngine> {
  const spec = await resolveAgentModel('describer', config);
  if (!spec) {
    // Load the NLP libraries before the server reports SERVING, so the first request does not pay for it.
    const rules = createDefaultDescriberEngine();
    await rules.warmup();
    return rules;
  }
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
        ...(spec.defaultAdapter ? { defaultAdapter: spec.defaultAdapter } : {}),
      }),
  );
}
