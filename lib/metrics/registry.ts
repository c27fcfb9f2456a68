// One Prometheus registry per component: jw1, jw2 and jw3 may share a process (all-in-one, tests), and
// each must still expose only its own series. Every registry carries build info and process metrics.
import { existsSync, readFileSync } from 'node:fs';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export type { Registry };

function findVersion(): string {
  // Walk up from this file to the package root: the same code runs from sources and from dist/.
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = new URL('package.json', dir);
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mpr-agents' && pkg.version) return pkg.version;
    }
    dir = new URL('../', dir);
  }
  return 'unknown';
}

export const BUILD_VERSION = findVersion();

export function createMetricsRegistry(component: string): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const buildInfo = new Gauge({
    name: 'mpr_build_info',
    help: 'Build of the running component (always 1)',
    labelNames: ['version', 'node', 'component'] as const,
    registers: [registry],
  });
  buildInfo.set({ version: BUILD_VERSION, node: process.versions.node, component }, 1);
  return registry;
}
