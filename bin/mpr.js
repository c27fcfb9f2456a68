#!/usr/bin/env node
// Entry of the `mpr` CLI. Runs the compiled build when there is one (container images), else the
// TypeScript sources directly: Node >= 24 strips types natively, so development needs no build step.
// Started by an older Node (the machine's own, outside npm scripts), it runs itself again with the
// project's Node 24 (the `node` dev dependency in node_modules), passing arguments, stdio, signals and
// the exit status through. Plain JavaScript that any Node can parse, so that this check can run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_MAJOR = 24;
// Set on the re-run, so that a project Node that cannot run the sources either is an error, not a loop.
const REEXEC_MARK = 'MPR_NODE_REEXEC';
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const hasBuild = existsSync(compiled);

function canRunHere() {
  const major = Number(process.versions.node.split('.')[0]);
  // process.features.typescript: 'strip' or 'transform' where Node strips types (22.18+, 23.6+).
  return major >= MIN_MAJOR && (hasBuild || Boolean(process.features.typescript));
}

/** The `node` package's binary (its install script puts the platform's Node there), or undefined. */
function projectNode() {
  const candidates = [];
  try {
    const nodePackage = createRequire(import.meta.url).resolve('node/package.json');
    candidates.push(join(dirname(nodePackage), 'bin', 'node'));
  } catch {
    // Not installed (npm ci not run, or production dependencies only).
  }
  candidates.push(fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url)));
  return candidates.find((candidate) => existsSync(candidate));
}

function runWith(node) {
  const child = spawn(node, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [REEXEC_MARK]: '1' },
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`mpr: cannot start ${node}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const name of FORWARDED_SIGNALS) process.off(name, forward);
    // End the way the child ended: by the same signal, or with its exit code.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

if (canRunHere()) {
  const { main } = await import(hasBuild ? compiled.href : new URL('../cli/main.ts', import.meta.url).href);
  await main(process.argv.slice(2));
} else {
  const node = process.env[REEXEC_MARK] === '1' ? undefined : projectNode();
  if (node) runWith(node);
  else {
    process.stderr.write(
      `mpr: Node ${process.versions.node} cannot run this project (it needs Node >= ${MIN_MAJOR}); ` +
        `run \`npm ci\`, which installs the project's Node ${MIN_MAJOR} in node_modules, or use Node >= ${MIN_MAJOR}\n`,
    );
    process.exitCode = 1;
  }
}
