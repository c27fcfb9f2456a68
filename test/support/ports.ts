// Ports for child processes, which must be told a port before they bind it. Asking the OS for port 0 and
// closing it races with the many in-process servers of parallel test files, which bind port 0 too and
// can be handed that same ephemeral port. So ports here come from below Linux's ephemeral range
// (32768-60999), where no port-0 bind lands, chosen at random, checked bindable, and never handed out
// twice by one process.
import { createServer } from 'node:net';

const RANGE_START = 20_000;
const RANGE_SIZE = 12_000;
const handedOut = new Set<number>();

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = RANGE_START + Math.floor(Math.random() * RANGE_SIZE);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port)) return port;
  }
  throw new Error('no free loopback port found below the ephemeral range');
}
