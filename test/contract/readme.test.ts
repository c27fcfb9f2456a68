// The user's manual: the README a newcomer reads in ten minutes, and the reference pages it links. Every
// setting and every error code the code knows must be in the reference, so the docs cannot fall behind.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SETTINGS } from '../../lib/config.ts';
import { ERROR_TABLE } from '../../lib/errors.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const configuration = read('docs/CONFIGURATION.md');
const api = read('docs/API.md');

it('documents every configuration setting with its flag (docs/CONFIGURATION.md)', () => {
  for (const spec of Object.values(SETTINGS)) {
    expect(configuration, spec.env).toContain(`| \`${spec.env}\` | \`--${spec.flag}\` |`);
  }
});

it('documents every error code (docs/API.md)', () => {
  for (const code of Object.keys(ERROR_TABLE)) expect(api, code).toContain(`\`${code}\``);
});

it('starts with the two commands a new user runs, stays short, and links the reference', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
  expect(readme.split('\n').length).toBeLessThanOrEqual(160);
  for (const page of ['docs/API.md', 'docs/CONFIGURATION.md', 'docs/ARCHITECTURE.md', 'docs/MEASUREMENTS.md']) {
    expect(readme).toContain(`](${page}`);
  }
});
