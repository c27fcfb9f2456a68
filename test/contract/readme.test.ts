// The README is the user's manual: every setting and every error code the code knows must be in it.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SETTINGS } from '../../lib/config.ts';
import { ERROR_TABLE } from '../../lib/errors.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

it('documents every configuration setting with its flag', () => {
  for (const spec of Object.values(SETTINGS)) {
    expect(readme, spec.env).toContain(`| \`${spec.env}\` | \`--${spec.flag}\` |`);
  }
});

it('documents every error code', () => {
  for (const code of Object.keys(ERROR_TABLE)) expect(readme, code).toContain(`\`${code}\``);
});

it('starts with the two commands a new user runs', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
});
