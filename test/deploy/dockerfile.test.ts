// Structural checks of deploy/docker/Dockerfile and .dockerignore: no Docker engine runs here, so the
// image recipe is read and held to the rules it must keep (pinned bases, one build, non-root, no
// weights baked in, CUDA EP installed the way onnxruntime-node 1.30 supports).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../lib/config.ts';
import { COMPONENTS } from './components.ts';
import { instructionsOf, keyValues, parseDockerfile, sbomStep, stage } from './dockerfile.ts';
import { podSpec, ofKind, type Deployment } from './objects.ts';
import { optionalPart } from '../support/optional.ts';
import { OVERLAYS, REPO_ROOT, renderOverlay } from './render.ts';

// Kustomize runs inside kubectl.
const kubectl = await optionalPart('kubectl');

const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'deploy/docker/Dockerfile'), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  license: string;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};
const RUNTIMES = ['runtime-cpu', 'runtime-gpu'] as const;
const stageNames = () => dockerfile.stages.map((s) => s.name);

describe('Dockerfile', () => {
  it('builds the TypeScript once and gives both runtimes the same dist/', () => {
    expect(stageNames()).toEqual(['build', 'prod-deps', 'prod-deps-cuda', 'runtime-cpu', 'runtime-gpu']);
    const builds = dockerfile.stages.filter((s) =>
      instructionsOf(s, 'RUN').some((i) => i.args.includes('npm run build')),
    );
    expect(builds.map((s) => s.name)).toEqual(['build']);
    for (const name of RUNTIMES) {
      const copies = instructionsOf(stage(dockerfile, name), 'COPY').map((i) => i.args);
      expect(copies).toContain('--from=build /app/dist ./dist');
      // lib/grpc/proto.ts loads the .proto files next to the compiled modules; tsc does not copy them.
      expect(copies).toContain('--from=build /app/proto/mpr ./dist/proto/mpr');
    }
    expect(
      instructionsOf(stage(dockerfile, 'prod-deps'), 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toContain('npm ci --omit=dev');
    expect(
      dockerfile.stages.flatMap((s) => instructionsOf(s, 'RUN')).some((i) => /npm (i|install)\b/.test(i.args)),
    ).toBe(false);
  });

  it('starts from pinned bases: the Node 24 the tests use, and a CUDA 12 runtime', () => {
    const nodeVersion = packageJson.devDependencies.node;
    expect(nodeVersion).toMatch(/^24\.\d+\.\d+$/);
    expect(dockerfile.globalArgs.NODE_VERSION).toBe(nodeVersion);
    const external = dockerfile.stages.map((s) => s.from).filter((from) => !stageNames().includes(from));
    expect(external.length).toBeGreaterThan(0);
    for (const from of external) {
      expect(from, 'a pinned tag (x.y.z), never latest').toMatch(
        /^[a-z0-9./-]+:\d+\.\d+\.\d+-[a-z0-9.-]+(@sha256:[a-f0-9]{64})?$/,
      );
    }
    expect(stage(dockerfile, 'build').from).toBe(`node:${nodeVersion}-bookworm-slim`);
    expect(stage(dockerfile, 'runtime-cpu').from).toBe(stage(dockerfile, 'build').from);
    expect(stage(dockerfile, 'runtime-gpu').from).toMatch(/^nvidia\/cuda:12\.\d+\.\d+-cudnn-runtime-ubuntu\d+\.\d+$/);
    // Node in the GPU image is the official binary of the same pinned image.
    expect(instructionsOf(stage(dockerfile, 'runtime-gpu'), 'COPY').map((i) => i.args)).toContain(
      '--from=build /usr/local/bin/node /usr/local/bin/node',
    );
  });

  it("installs onnxruntime-node's CUDA 12 execution provider with the install flag its 1.30 script supports", () => {
    const require = createRequire(join(REPO_ROOT, 'package.json'));
    const metadata = require('onnxruntime-node/script/install-metadata.js') as {
      requirements: Record<string, string[]>;
      manifests: Record<string, Record<string, unknown>>;
    };
    expect(metadata.requirements['linux/x64']).toContain('cuda12');
    const run = instructionsOf(stage(dockerfile, 'prod-deps-cuda'), 'RUN')
      .map((i) => i.args)
      .join(' ');
    expect(run).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js');
    for (const file of ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so']) {
      expect(Object.keys(metadata.manifests['linux/x64:cuda12'] ?? {})).toContain(`./${file}`);
      expect(run).toContain(`test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/${file}`);
    }
    expect(instructionsOf(stage(dockerfile, 'runtime-gpu'), 'COPY').map((i) => i.args)).toContain(
      '--from=prod-deps-cuda /app/node_modules ./node_modules',
    );
    expect(instructionsOf(stage(dockerfile, 'runtime-cpu'), 'COPY').map((i) => i.args)).toContain(
      '--from=prod-deps /app/node_modules ./node_modules',
    );
  });

  it('writes a CycloneDX SBOM of the installed production tree and ships it in both runtimes', () => {
    const steps = instructionsOf(stage(dockerfile, 'prod-deps'), 'RUN')
      .flatMap((i) => i.args.split('&&'))
      .map((step) => step.trim());
    const at = (prefix: string) => steps.findIndex((step) => step.startsWith(prefix));
    // From the tree the runtimes copy, after its package.json forgets the devDependencies that are not
    // installed (npm sbom would refuse the tree, or with --omit=dev drop shared production packages).
    expect(at('npm ci --omit=dev')).toBeGreaterThanOrEqual(0);
    expect(at('npm pkg delete devDependencies')).toBeGreaterThan(at('npm ci --omit=dev'));
    expect(at('npm sbom')).toBeGreaterThan(at('npm pkg delete devDependencies'));
    const step = sbomStep(dockerfile);
    expect(step.args).toEqual(['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application']);
    expect(step.output).toBe('/app/sbom.cdx.json');
    for (const [name, from] of [
      ['runtime-cpu', 'prod-deps'],
      ['runtime-gpu', 'prod-deps-cuda'],
    ] as const) {
      const copies = instructionsOf(stage(dockerfile, name), 'COPY').map((i) => i.args);
      expect(copies).toContain(`--from=${from} /app/sbom.cdx.json ./sbom.cdx.json`);
      // The runtimes' package.json is the build stage's, devDependencies and all.
      expect(copies).toContain('--from=build /app/package.json ./package.json');
    }
  });

  it('runs as a numeric non-root user, fetches nothing with ADD and bakes in no model weights', () => {
    for (const s of dockerfile.stages) expect(instructionsOf(s, 'ADD'), s.name).toEqual([]);
    for (const name of RUNTIMES) {
      const users = instructionsOf(stage(dockerfile, name), 'USER').map((i) => i.args);
      expect(users.at(-1), name).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      expect(
        users.filter((u) => /^(root|0)(:|$)/.test(u)),
        name,
      ).toEqual([]);
      for (const copy of instructionsOf(stage(dockerfile, name), 'COPY')) {
        expect(copy.args, `${name} copies model files`).not.toMatch(/models\/|\.onnx|\.safetensors/);
      }
      expect(
        instructionsOf(stage(dockerfile, name), 'RUN')
          .map((i) => i.args)
          .join(' '),
      ).toContain('mkdir -p /models');
    }
  });

  it('installs the Link Grammar library and dictionaries the cleaner checker requires in the cluster', () => {
    for (const name of RUNTIMES) {
      const run = instructionsOf(stage(dockerfile, name), 'RUN')
        .map((i) => i.args)
        .join(' ');
      expect(run, name).toMatch(
        /apt-get install -y --no-install-recommends liblink-grammar5 link-grammar-dictionaries-en/,
      );
      expect(run, name).toContain('rm -rf /var/lib/apt/lists/*');
    }
    // The trigram model ships in the Debian-based CPU image, the one the JFLEG figures describe.
    const cpu = instructionsOf(stage(dockerfile, 'runtime-cpu'), 'RUN')
      .map((i) => i.args)
      .join(' ');
    expect(cpu).toMatch(/libsphinxbase3 pocketsphinx-en-us/);
  });

  it('labels both runtimes with OCI annotations, leaves health to the Kubernetes probes, and exposes the service ports', () => {
    const defaults = [
      SETTINGS.httpPort,
      SETTINGS.grpcPort,
      SETTINGS.cleanerPort,
      SETTINGS.describerPort,
      SETTINGS.cleanerMetricsPort,
      SETTINGS.describerMetricsPort,
    ];
    for (const name of RUNTIMES) {
      const s = stage(dockerfile, name);
      const labels = keyValues(instructionsOf(s, 'LABEL'));
      for (const key of ['title', 'description', 'source', 'licenses', 'version', 'revision', 'created', 'base.name']) {
        expect(labels[`org.opencontainers.image.${key}`], `${name} ${key}`).toBeTruthy();
      }
      expect(labels['org.opencontainers.image.licenses']).toBe(packageJson.license);
      expect(instructionsOf(s, 'HEALTHCHECK').map((i) => i.args)).toEqual(['NONE']);
      expect(keyValues(instructionsOf(s, 'ENV'))).toMatchObject({
        NODE_ENV: 'production',
        MPR_HOST: '0.0.0.0',
        HOME: '/tmp',
      });
      const exposed = instructionsOf(s, 'EXPOSE')
        .flatMap((i) => i.args.split(/\s+/))
        .map(Number)
        .sort();
      expect(exposed).toEqual(defaults.map((d) => d.defaultValue).sort());
      expect(instructionsOf(s, 'ENTRYPOINT').map((i) => JSON.parse(i.args) as string[])).toEqual([
        ['node', '/app/bin/mpr.js'],
      ]);
      expect((JSON.parse(instructionsOf(s, 'CMD')[0]?.args ?? '[]') as string[])[0]).toBe('serve');
    }
  });

  it.each(OVERLAYS)(
    'is what the %s manifests run: the image entrypoint with `serve <role>` and exposed ports',
    kubectl.options,
    (overlay) => {
      const exposed = instructionsOf(stage(dockerfile, 'runtime-cpu'), 'EXPOSE')
        .flatMap((i) => i.args.split(/\s+/))
        .map(Number);
      for (const deployment of ofKind<Deployment>(renderOverlay(overlay), 'Deployment')) {
        const role = COMPONENTS.find((c) => c.deployment === deployment.metadata.name)!.role;
        for (const container of podSpec(deployment).containers) {
          expect(container.command, `${container.name} keeps the image ENTRYPOINT`).toBeUndefined();
          expect(container.args).toEqual(['serve', role]);
          for (const port of container.ports ?? []) expect(exposed).toContain(port.containerPort);
        }
      }
    },
  );
});

describe('.dockerignore', () => {
  const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps dependencies, build output, VCS data and model weights out of the build context', () => {
    for (const entry of ['node_modules', 'dist', '.git', '**/*.onnx', '**/*.onnx_data', '**/*.safetensors', '.env']) {
      expect(ignored).toContain(entry);
    }
  });

  it('keeps every source folder the build compiles and every file copied from the context', () => {
    const build = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const copied = instructionsOf(stage(dockerfile, 'build'), 'COPY')
      .filter((i) => !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1))
      .filter((source) => source !== '.');
    expect(copied).toEqual(['package.json', 'package-lock.json', '.npmrc']);
    for (const path of [...build.include, ...copied, 'bin', 'proto/mpr', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(
        ignored.filter((entry) => entry === path || path.startsWith(`${entry}/`)),
        path,
      ).toEqual([]);
      if (copied.includes(path)) expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
    }
  });
});
