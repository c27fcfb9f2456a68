// The runtime-cpu image's file layout, assembled from the Dockerfile's own COPY lines and run: the
// compiled build (`npm run build` output, no TypeScript sources) must start from it. No Docker engine
// runs here, so the layout is built in a temporary folder; node_modules is the repository's (a
// superset of the image's production dependencies).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS } from './components.ts';
import { instructionsOf, keyValues, parseDockerfile, stage } from './dockerfile.ts';
import { freePort, startPod, type LocalPod } from './pod-runner.ts';
import { probeOnce } from './probes.ts';
import { REPO_ROOT } from './render.ts';

const runtime = stage(
  parseDockerfile(readFileSync(join(REPO_ROOT, 'deploy/docker/Dockerfile'), 'utf8')),
  'runtime-cpu',
);
let root: string;
let app: string;
let pod: LocalPod | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mpr-image-'));
  const built = join(root, 'build-dist');
  // What `npm run build` does in the build stage, into a folder of our own.
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(REPO_ROOT, 'tsconfig.build.json'),
      '--outDir',
      built,
    ],
    {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    },
  );
  app = join(root, 'app');
  mkdirSync(app);
  for (const copy of instructionsOf(runtime, 'COPY')) {
    const [from, source, destination] = copy.args.split(/\s+/) as [string, string, string];
    const target = join(app, destination);
    mkdirSync(dirname(target), { recursive: true });
    if (from === '--from=prod-deps' && source === '/app/node_modules')
      symlinkSync(join(REPO_ROOT, 'node_modules'), target);
    // The SBOM is data no process reads (its recipe is checked in dockerfile.test.ts); a prod-only
    // install to make the real one would dwarf this test.
    else if (from === '--from=prod-deps' && source === '/app/sbom.cdx.json') writeFileSync(target, '{}');
    else if (from === '--from=build' && source === '/app/dist') cpSync(built, target, { recursive: true });
    else if (from === '--from=build' && source.startsWith('/app/'))
      cpSync(join(REPO_ROOT, source.slice('/app/'.length)), target, { recursive: true });
    else throw new Error(`runtime-cpu COPY ${copy.args}: not reproducible here`);
  }
}, 240_000);

afterAll(() => {
  if (pod?.process?.exitCode === null) pod.process.kill('SIGKILL');
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('runtime-cpu image layout', () => {
  it('holds the compiled CLI and no TypeScript sources', () => {
    expect(existsSync(join(app, 'dist/cli/main.js'))).toBe(true);
    expect(existsSync(join(app, 'cli'))).toBe(false);
    expect(existsSync(join(app, 'dist/proto/mpr/v1/cleaner.proto'))).toBe(true);
    expect(existsSync(join(app, 'dist/web/public/index.html'))).toBe(true);
  });

  it('serves all three components from the compiled build with the image environment', async () => {
    const ports = {
      http: await freePort(),
      grpc: await freePort(),
      cleaner: await freePort(),
      describer: await freePort(),
    };
    pod = {
      component: AGENTS[0]!,
      container: { name: 'all', args: ['serve', 'all'] },
      ports: new Map(),
      output: [],
      env: {
        ...keyValues(instructionsOf(runtime, 'ENV')),
        MPR_HOST: '127.0.0.1',
        MPR_HTTP_PORT: String(ports.http),
        MPR_GRPC_PORT: String(ports.grpc),
        MPR_CLEANER_PORT: String(ports.cleaner),
        MPR_DESCRIBER_PORT: String(ports.describer),
        MPR_CLEANER_METRICS_PORT: String(await freePort()),
        MPR_DESCRIBER_METRICS_PORT: String(await freePort()),
      },
    };
    startPod(pod, join(app, 'bin/mpr.js'));
    const deadline = Date.now() + 60_000;
    let result = { ok: false, detail: 'not probed' };
    while (!result.ok && Date.now() < deadline && pod.process?.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      result = await probeOnce(
        { kind: 'readinessProbe', protocol: 'http', port: ports.http, target: '/readyz' },
        ports.http,
      );
    }
    expect(result, pod.output.join('').slice(-3000)).toEqual({ ok: true, detail: 'HTTP 200' });
    const health = await probeOnce(
      { kind: 'readinessProbe', protocol: 'grpc', port: ports.cleaner, target: 'mpr.v1.CleanerService' },
      ports.cleaner,
    );
    expect(health.detail).toBe('SERVING');
    // The playground and the API reference are served from the image's files too.
    for (const path of ['/', '/app.js', '/openapi.json', '/docs/']) {
      const response = await fetch(`http://127.0.0.1:${ports.http}${path}`, { signal: AbortSignal.timeout(5000) });
      expect(response.status, path).toBe(200);
      await response.arrayBuffer();
    }
  }, 90_000);
});
