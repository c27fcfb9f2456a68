// The committed bundle (web/public/app.js) is what web/src builds to: a change to the sources without
// `npm run build:web` fails here.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BUNDLE_PATH, bundlePlayground } from './build.ts';

it('web/public/app.js is the current build of web/src (run npm run build:web)', async () => {
  expect(readFileSync(BUNDLE_PATH, 'utf8') === (await bundlePlayground())).toBe(true);
});
