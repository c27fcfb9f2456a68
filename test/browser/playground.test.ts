// The playground in a real browser: Debian's chromium driven by playwright-core, against the real system
// (jw2, jw3 and jw1 on port 0). It cleans a text and holds the marks to the answer's edits, uses the
// tooltips by hover and keyboard, runs a describe with a JSON Schema, shows the typed 401, 503 and 429 errors
// (jw1 requires an API key here, which the page's key field sends),
// and runs axe-core, failing on serious or critical violations. Nothing may be fetched from outside jw1.
// Screenshots go to test-artifacts/playground/ (gitignored); their paths are printed. Skipped with its
// reason when chromium is absent (test/support/optional.ts; CI requires it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSystem } from '../../cli/serve.ts';
import { generateApiKey, hashApiKey } from '../../orchestrator/auth/index.ts';
import { optionalPart } from '../support/optional.ts';
import { getJson, postRaw, startTestSystem } from '../support/system.ts';
import { waitFor } from '../support/wait.ts';
import { ARTIFACTS_DIR, browserLaunchOptions, type AxeSummary, runAxe } from './chromium.ts';

const SHOTS = join(ARTIFACTS_DIR, 'playground');
const API_KEY = generateApiKey();
const bearer = { authorization: `Bearer ${API_KEY}` };
const SAMPLE = 'She go to scool evry day . I has a apple and and a pear.';

let cleaner: RunningSystem | undefined;
let describer: RunningSystem;
let orchestrator: RunningSystem;
let base: string;
let context: BrowserContext;
let page: Page;
let userDataDir: string;
const outside: string[] = [];
const pageErrors: string[] = [];
const axeSummaries: AxeSummary[] = [];

async function screenshot(name: string): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  process.stdout.write(`screenshot: ${path}\n`);
}

async function checkAccessibility(name: string): Promise<void> {
  const summary = await runAxe(page, name);
  axeSummaries.push(summary);
  process.stdout.write(`axe ${name}: ${summary.line}\n`);
  expect(summary.seriousOrCritical, summary.details).toEqual([]);
}

/** The final answer of a response, unary or streamed (the last event that `isFinal`). */
async function finalAnswer(response: Response, isFinal: (event: any) => boolean): Promise<any> {
  const body = await response.text();
  if (!(response.headers()['content-type'] ?? '').startsWith('text/event-stream')) return JSON.parse(body);
  const events = body
    .split(/\r?\n\r?\n/)
    .map((frame) =>
      frame
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim()),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => JSON.parse(lines.join('\n')));
  return events.findLast(isFinal);
}

const isCleanAnswer = (event: any) => typeof event.cleanedText === 'string' && typeof event.skipped === 'boolean';
const isDescribeAnswer = (event: any) => typeof event.schemaValid === 'boolean' && 'json' in event;

const chromiumBrowser = await optionalPart('chromium');

describe("the playground in Debian's chromium", chromiumBrowser.options, () => {
  beforeAll(async () => {
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    userDataDir = mkdtempSync(join(tmpdir(), 'mpr-chromium-'));
    const keysFile = join(userDataDir, 'keys.yaml');
    writeFileSync(keysFile, `- {name: playground, hash: "${hashApiKey(API_KEY)}"}\n`);
    cleaner = await startTestSystem('cleaner');
    describer = await startTestSystem('describer');
    orchestrator = await startTestSystem('orchestrator', {
      cleanerAddr: `127.0.0.1:${cleaner.ports.cleaner}`,
      describerAddr: `127.0.0.1:${describer.ports.describer}`,
      degradedMode: 'fail',
      requestTimeoutMs: '5000',
      rateLimitRps: '1',
      rateLimitBurst: '30',
      authRequired: 'true',
      authKeysFile: keysFile,
    });
    base = `http://127.0.0.1:${orchestrator.ports.http}`;
    // jw1 turns ready once it has reached each agent; the page reads that on load.
    await waitFor(async () => (await getJson(base, '/readyz')).status === 200, 60_000, 100);
    context = await chromium.launchPersistentContext(userDataDir, browserLaunchOptions());
    // Offline: anything not served by jw1 is refused and remembered.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${base}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    // The describer loads its NLP libraries on its first request; a machine running other test files
    // beside this one can take longer than Playwright's 30 s default to answer it.
    page.setDefaultTimeout(90_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await Promise.all([cleaner?.stop(), describer?.stop(), orchestrator?.stop()]);
    if (axeSummaries.length > 0)
      process.stdout.write(
        `axe summary: ${axeSummaries.map((summary) => `${summary.name}: ${summary.line}`).join('; ')}\n`,
      );
  });

  it('loads from jw1 alone and shows the agents ready', async () => {
    await page.goto(`${base}/`);
    expect(await page.title()).toBe('MPR-Agents playground');
    // An agent health check may time out on a loaded machine; the page polls again while not ready.
    await expect.poll(() => page.locator('#readiness').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    expect(await page.locator('#readiness').textContent()).toContain('All agents ready');
  });

  it('answers a call without a key with a typed 401 that leads to the key field, and keeps the key for the tab', async () => {
    await page.locator('#clean-text').fill('Their is no key yet.');
    await page.locator('#clean-submit').click();
    const alert = page.locator('#clean-error [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-status')).toBe('401');
    expect(await alert.getAttribute('data-code')).toBe('unauthenticated');
    expect(await alert.textContent()).toContain('An API key is needed');
    await screenshot('clean-401');
    await checkAccessibility('error-401');
    await alert.getByRole('button', { name: 'Enter API key' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');
    await page.keyboard.insertText(API_KEY);
    // The key stays in this tab (sessionStorage) across a reload, and the page starts from the top again.
    await page.reload();
    expect(await page.locator('#api-key').inputValue()).toBe(API_KEY);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  it('cleans a text by keyboard alone, with one mark per edit of the answer', async () => {
    // From the top of the page, Tab reaches the text box (skip link, header links, tab, then the field).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    let steps = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'clean-text' && steps < 10) {
      await page.keyboard.press('Tab');
      steps += 1;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('clean-text');
    await page.keyboard.insertText(SAMPLE);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith('/v1/clean')),
      page.keyboard.press('Control+Enter'),
    ]);
    // The page asks for Server-Sent Events and jw1 streams the sentences, then the answer.
    expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);
    expect(response.request().headers().authorization).toBe(bearer.authorization);
    const answer = await finalAnswer(response, isCleanAnswer);
    expect(answer.edits.length).toBeGreaterThanOrEqual(5);
    await page.locator('.marked-text').waitFor();

    const marks = await page.$$eval('.marked-text .edit', (elements) =>
      elements.map((element) => ({
        start: Number((element as HTMLElement).dataset.start),
        end: Number((element as HTMLElement).dataset.end),
        kind: (element as HTMLElement).dataset.kind,
        operation: (element as HTMLElement).dataset.operation,
        removed: element.querySelector('del')?.textContent ?? '',
        inserted: element.querySelector('ins')?.textContent ?? '',
      })),
    );
    const expected = [...answer.edits]
      .sort((a: any, b: any) => a.start - b.start)
      .map((edit: any) => ({
        start: edit.start,
        end: edit.end,
        kind: edit.kind,
        operation: edit.replacement === '' ? 'deletion' : edit.start === edit.end ? 'insertion' : 'replacement',
        removed: edit.start === edit.end ? '' : edit.original,
        inserted: edit.replacement,
      }));
    expect(marks).toEqual(expected);
    // The text without what was removed (and without the tooltips) is the cleaned text.
    const shown = await page.$eval('.marked-text', (element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('del, .tip')) hidden.remove();
      return copy.textContent;
    });
    expect(shown).toBe(answer.cleanedText);
    expect(await page.locator('[data-fact="skip-reason"] dd').textContent()).toContain('none');
    expect(await page.locator('[data-fact="engine"] dd').textContent()).toContain(answer.engine.id);
    expect(await page.locator('[data-fact="timings"] dd').textContent()).toMatch(/total \d/);
    expect(await page.locator('[data-fact="round-trip"] dd').textContent()).toContain('(streamed)');

    // Each mark tells its kind and message on keyboard focus, Escape hides it, and on hover.
    const spelling = answer.edits.find((edit: any) => edit.kind === 'spelling');
    const mark = page.locator(`.marked-text .edit[data-start="${spelling.start}"]`);
    const tip = page.locator(`#${await mark.getAttribute('aria-describedby')}`);
    expect(await tip.isVisible()).toBe(false);
    await mark.focus();
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('Spelling');
    expect(await tip.textContent()).toContain(spelling.message);
    await screenshot('clean-focused-mark');
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
    const grammar = answer.edits.find((edit: any) => edit.kind === 'grammar');
    const hovered = page.locator(`.marked-text .edit[data-start="${grammar.start}"]`);
    await hovered.hover();
    const hoverTip = page.locator(`#${await hovered.getAttribute('aria-describedby')}`);
    expect(await hoverTip.isVisible()).toBe(true);
    expect(await hoverTip.textContent()).toContain(grammar.message);
    await page.mouse.move(0, 0);

    await checkAccessibility('clean');
    // The plain view shows the cleaned text alone.
    await page.locator('#view-clean').click();
    expect(await page.locator('.clean-text').textContent()).toBe(answer.cleanedText);
    await page.locator('#view-changes').click();
  });

  it('describes a text against a JSON Schema and shows the document validated', async () => {
    // The tabs follow the arrow keys.
    await page.locator('#tab-clean').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-describe').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#panel-describe').isVisible()).toBe(true);
    await page.locator('input[name="task"][value="custom"]').check();
    const schema = {
      type: 'object',
      required: ['topic', 'people', 'urgent'],
      properties: {
        topic: { type: 'string' },
        people: { type: 'array', items: { type: 'string' } },
        urgent: { type: 'boolean' },
      },
    };
    await page.locator('#describe-schema').fill(JSON.stringify(schema, null, 2));
    await page.locator('#describe-text').fill('Alice and Bob must sign the contract in Paris today.');
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith('/v1/describe')),
      page.locator('#describe-submit').click(),
    ]);
    expect(response.request().postDataJSON()).toMatchObject({ schema });
    await page.locator('#describe-output .json').waitFor();
    expect(response.headers()['content-type']).toMatch(/^text\/event-stream/);
    const answer = await finalAnswer(response, isDescribeAnswer);
    expect(answer.schemaValid).toBe(true);
    expect(JSON.parse((await page.locator('#describe-output .json').textContent()) ?? '')).toEqual(answer.json);
    expect(await page.locator('#describe-verdict').textContent()).toBe('Valid against the schema');
    await screenshot('describe-schema');
    await checkAccessibility('describe');

    // A schema that is not JSON is caught on the page, next to the field.
    await page.locator('#describe-schema').fill('{"type": "object",');
    await page.locator('#describe-submit').click();
    expect(await page.locator('#schema-problem').textContent()).toContain('not valid JSON');
    expect(await page.locator('#describe-schema').getAttribute('aria-invalid')).toBe('true');
  });

  it('serves the API reference at /docs offline, with every operation', async () => {
    const docs = await context.newPage();
    docs.setDefaultTimeout(90_000);
    await docs.goto(`${base}/docs/`);
    await docs.locator('.opblock').first().waitFor();
    const document = (await getJson(base, '/openapi.json')).body as { paths: Record<string, object> };
    const operations = Object.values(document.paths).reduce((sum, path) => sum + Object.keys(path).length, 0);
    expect(await docs.locator('.opblock').count()).toBe(operations);
    await docs.screenshot({ path: join(SHOTS, 'docs.png'), fullPage: false });
    process.stdout.write(`screenshot: ${join(SHOTS, 'docs.png')}\n`);
    await docs.close();
  });

  it('shows a typed 503 with its Retry-After when the cleaner is down', async () => {
    await cleaner!.stop();
    cleaner = undefined;
    await page.locator('#tab-clean').click();
    await page.locator('#clean-text').fill('The cleaner is gone nowm so this cant be cleaned.');
    await page.locator('#clean-submit').click();
    const alert = page.locator('#clean-error [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-status')).toBe('503');
    expect(await alert.getAttribute('data-code')).toBe('unavailable');
    expect(await alert.textContent()).toContain('Service unavailable');
    expect(await alert.textContent()).toMatch(/Retry after \d+ s|You can retry now/);
    // The header's readiness line catches up at once.
    await expect.poll(() => page.locator('#readiness').getAttribute('data-state'), { timeout: 5000 }).toBe('degraded');
    expect(await page.locator('#readiness').textContent()).toContain('cleaner unavailable');
    await screenshot('clean-503');
    await checkAccessibility('error-503');
  });

  it('shows a typed 429 and waits out Retry-After before offering a retry', async () => {
    let refused = false;
    for (let attempt = 0; attempt < 3 && !refused; attempt += 1) {
      // Use up this client's burst (the gateway counts a request before reading its body).
      for (let i = 0; i < 40; i += 1) {
        if ((await postRaw(base, '/v1/clean', 'x', 'text/plain', bearer)).status === 429) break;
      }
      await page.locator('#clean-submit').click();
      const alert = page.locator('#clean-error [role="alert"]');
      await alert.waitFor();
      refused = (await alert.getAttribute('data-status')) === '429';
    }
    expect(refused).toBe(true);
    const alert = page.locator('#clean-error [role="alert"]');
    expect(await alert.getAttribute('data-code')).toBe('rate_limited');
    expect(await alert.textContent()).toContain('Too many requests');
    expect(await alert.textContent()).toMatch(/Retry after \d+ s/);
    expect(await alert.locator('button').isDisabled()).toBe(true);
    await screenshot('clean-429');
  });

  it('fits a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#clean-error').evaluate((slot) => slot.replaceChildren());
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot('narrow');
  });

  it('asked nothing of any other host and threw no page errors', () => {
    expect(outside).toEqual([]);
    expect(pageErrors.filter((message) => !/status of (401|429|503)/.test(message))).toEqual([]);
  });
});
