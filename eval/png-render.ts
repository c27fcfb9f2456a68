// Optional PNG copies of the SVG charts, for viewers that cannot show SVG. Uses whichever renderer the
// machine has (the sharp package when installed, else a command-line renderer); none is not an error,
// only a note in the report.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const RENDER_TIMEOUT_MS = 30_000;

interface Renderer {
  name: string;
  args(svg: string, png: string, width: number, height: number): string[];
}

const RENDERERS: Renderer[] = [
  { name: 'rsvg-convert', args: (svg, png) => ['-o', png, svg] },
  ...['chromium', 'chromium-browser', 'google-chrome'].map((name) => ({
    name,
    args: (svg: string, png: string, width: number, height: number) => [
      '--headless',
      '--disable-gpu',
      '--no-sandbox',
      `--screenshot=${png}`,
      `--window-size=${width},${height}`,
      pathToFileURL(svg).href,
    ],
  })),
  { name: 'convert', args: (svg, png) => [svg, png] },
];

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export type PngOutcome = { rendered: true; renderer: string } | { rendered: false; note: string };

interface SharpModule {
  default: (input: string) => { png(): { toFile(path: string): Promise<unknown> } };
}

// sharp is not a dependency of the project (it comes with @huggingface/transformers when that is
// installed), so it is looked up at run time and its absence is fine.
async function renderWithSharp(svg: string, png: string): Promise<boolean> {
  const specifier = 'sharp';
  let sharp: SharpModule;
  try {
    sharp = (await import(specifier)) as SharpModule;
  } catch {
    return false;
  }
  await sharp.default(svg).png().toFile(png);
  return true;
}

/** Renders `svg` to `png` with the first renderer that works. */
export async function renderPng(svg: string, png: string, width: number, height: number): Promise<PngOutcome> {
  const failures: string[] = [];
  try {
    if (await renderWithSharp(svg, png)) return { rendered: true, renderer: 'sharp' };
  } catch (error) {
    failures.push(`sharp failed: ${(error as Error).message.split('\n')[0]}`);
  }
  for (const renderer of RENDERERS) {
    const command = onPath(renderer.name);
    if (!command) continue;
    try {
      await run(command, renderer.args(svg, png, width, height), { timeout: RENDER_TIMEOUT_MS });
      if (existsSync(png)) return { rendered: true, renderer: renderer.name };
      failures.push(`${renderer.name} wrote nothing`);
    } catch (error) {
      failures.push(`${renderer.name} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return {
    rendered: false,
    note:
      failures.length === 0
        ? 'no SVG renderer (rsvg-convert, chromium, ImageMagick convert) found'
        : failures.join('; '),
  };
}
