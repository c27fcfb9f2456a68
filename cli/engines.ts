// Which engine each agent runs: the model from the manifest or flags when one is configured, else the
// embedded default. The only place that knows every engine implementation.
import type { Config } from '../lib/config.ts';
import type { CleanerEngine } from '../services/cleaner/engine.ts';
import type { DescriberEngine } from '../services/describer/engine.ts';
import { createDefaultCleanerEngine } from '../services/cleaner/engines/default/index.ts';
import { createDefaultDescriberEngine } from '../services/describer/engines/default/index.ts';

export async function loadCleanerEngine(_config: Config): Promise<CleanerEngine> {
  const engine = createDefaultCleanerEngine();
  // Load the dictionary before the server reports SERVING, so the first request does not pay for it.
  await engine.warmup();
  return engine;
}

export async function loadDescriberEngine(_config: Config): Promise<DescriberEngine> {
  return createDefaultDescriberEngine();
}
