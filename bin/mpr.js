#!/usr/bin/env node
// Entry of the `mpr` CLI. Runs the compiled build when there is one (container images), else the
// TypeScript sources directly: Node >= 24 strips types natively, so development needs no build step.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import(existsSync(compiled) ? compiled.href : new URL('../cli/main.ts', import.meta.url).href);
await main(process.argv.slice(2));
