// Progress of a run: a bar with ETA on a terminal, plain periodic lines otherwise (CI logs have no TTY
// and a redrawn bar would flood them).
import cliProgress from 'cli-progress';

export interface Progress {
  tick(): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 10_000;

export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
): Progress {
  if (stream.isTTY) return terminalBar(label, total, stream);
  return plainLines(label, total, stream);
}

export const silentProgress: Progress = { tick() {}, stop() {} };

function terminalBar(label: string, total: number, stream: NodeJS.WritableStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

function plainLines(label: string, total: number, stream: NodeJS.WritableStream): Progress {
  const started = Date.now();
  let done = 0;
  let lastLine = started;
  let nextDecile = 1;
  const line = (): void => {
    const elapsedS = (Date.now() - started) / 1000;
    const etaS = done > 0 ? (elapsedS / done) * (total - done) : Number.NaN;
    const eta = Number.isFinite(etaS) ? `${Math.round(etaS)}s` : '?';
    stream.write(
      `${label}: ${done}/${total} (${Math.floor((100 * done) / Math.max(1, total))}%) elapsed ${Math.round(elapsedS)}s ETA ${eta}\n`,
    );
    lastLine = Date.now();
  };
  return {
    tick() {
      done += 1;
      // A line at every tenth of the way, and at least every 10 s on slow runs.
      const decileReached = done * 10 >= nextDecile * total;
      if (decileReached) while (nextDecile * total <= done * 10) nextDecile += 1;
      if (decileReached || Date.now() - lastLine >= PLAIN_EVERY_MS) line();
    },
    stop() {},
  };
}
