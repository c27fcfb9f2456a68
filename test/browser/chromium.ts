// Debian's chromium for browser tests, driven by playwright-core (which downloads no browser), and
// axe-core's accessibility rules run inside the page.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { LaunchOptions, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots and other artifacts of browser tests (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
mkdirSync(ARTIFACTS_DIR, { recursive: true });

export function browserLaunchOptions(): LaunchOptions & { viewport: { width: number; height: number } } {
  return {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30_000,
    viewport: { width: 1280, height: 900 },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeSummary {
  name: string;
  /** One line: violations by impact and how many rules passed. */
  line: string;
  seriousOrCritical: string[];
  details: string;
}

/** Runs axe-core's WCAG 2.x A/AA and best-practice rules on the page as it is now. */
export async function runAxe(page: Page, name: string): Promise<AxeSummary> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(
      document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } },
    ),
  );
  const byImpact = new Map<string, number>();
  for (const violation of results.violations)
    byImpact.set(
      violation.impact ?? 'unknown',
      (byImpact.get(violation.impact ?? 'unknown') ?? 0) + violation.nodes.length,
    );
  const counts = ['critical', 'serious', 'moderate', 'minor'].map((impact) => `${byImpact.get(impact) ?? 0} ${impact}`);
  const bad = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  return {
    name,
    line: `${counts.join(', ')} (${results.violations.map((v) => v.id).join(', ') || 'no violations'}); ${results.passes.length} rules passed, ${results.incomplete.length} to review`,
    seriousOrCritical: bad.map((violation) => violation.id),
    details: bad
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(' ')).join('\n  ')}`,
      )
      .join('\n'),
  };
}
