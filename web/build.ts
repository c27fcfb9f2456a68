// Bundles the playground's TypeScript (web/src) into web/public/app.js, which is committed so that the
// page works after `npm ci` with no build step; build.test.ts fails when the two drift apart.
//   npm run build:web
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE_PATH = fileURLToPath(new URL('public/app.js', import.meta.url));

/** The bundle's text, built in memory. */
export async function bundlePlayground(): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['web/src/main.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
    banner: { js: '// Built from web/src by `npm run build:web` (esbuild). Do not edit: edit web/src.' },
  });
  return result.outputFiles[0]!.text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(BUNDLE_PATH, await bundlePlayground());
  process.stdout.write(`wrote ${BUNDLE_PATH}\n`);
}
