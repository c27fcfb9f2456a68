// Picks the system under evaluation from the command line: a running gateway (--target) or an engine
// in-process (--engine default | <model dir>). Engines are built by services/engine-factory.ts, the one
// place that knows every engine implementation, so a new engine kind needs no change here.
import { loadCleanerEngine, loadDescriberEngine } from '../services/engine-factory.ts';
import { loadConfig } from '../lib/config.ts';
import { MprError } from '../lib/errors.ts';
import type { EngineInfo, GenerationSettings } from '../services/shared/engine-types.ts';
import { EngineGecSystem, HttpGecSystem, type GecSystem } from './gec-system.ts';
import { EngineJsonSystem, HttpJsonSystem, type JsonSystem } from './json-system.ts';

export interface SystemChoice {
  target?: string;
  /** "default" or a model directory; the default engine when neither this nor target is set. */
  engine?: string;
  timeoutMs?: number;
  generation?: GenerationSettings;
}

export async function createGecSystem(choice: SystemChoice): Promise<GecSystem> {
  if (choice.target)
    return new HttpGecSystem(checkTarget(choice), { timeoutMs: choice.timeoutMs, generation: choice.generation });
  const model = modelDir(choice);
  // Environment ignored on purpose: MPR_CLEANER_MODEL must not swap the engine a command line names.
  const engine = await loadCleanerEngine(loadConfig({ cleanerModel: model }, {}));
  checkLoaded(engine.info, model);
  return new EngineGecSystem(engine, choice.generation);
}

export async function createJsonSystem(choice: SystemChoice): Promise<JsonSystem> {
  if (choice.target)
    return new HttpJsonSystem(checkTarget(choice), { timeoutMs: choice.timeoutMs, generation: choice.generation });
  const model = modelDir(choice);
  const engine = await loadDescriberEngine(loadConfig({ describerModel: model }, {}));
  checkLoaded(engine.info, model);
  return new EngineJsonSystem(engine, choice.generation);
}

function checkTarget(choice: SystemChoice): string {
  if (choice.engine) throw new MprError('invalid_argument', 'give either --target or --engine, not both');
  if (!/^https?:\/\/[^/]+/.test(choice.target!)) {
    throw new MprError(
      'invalid_argument',
      `--target must be an http(s) URL such as http://127.0.0.1:8080, got "${choice.target}"`,
    );
  }
  return choice.target!;
}

function modelDir(choice: SystemChoice): string {
  return !choice.engine || choice.engine === 'default' ? '' : choice.engine;
}

// A model directory that silently fell back to the default engine would be reported under the wrong name.
function checkLoaded(info: EngineInfo, model: string): void {
  if (model && info.kind !== 'llm') {
    throw new MprError(
      'invalid_argument',
      `no LLM engine was loaded from ${model} (got ${info.kind}:${info.id}); is the model runtime available?`,
    );
  }
}
