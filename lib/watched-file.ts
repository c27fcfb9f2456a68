// A small file read at start-up and again whenever it changes, without a restart: API key lists,
// JWKS, certificates. Changes are seen two ways, because neither alone is reliable: fs.watch on the
// file's directory (a Kubernetes Secret volume swaps a `..data` symlink, an editor renames a temporary
// file over the original; a watch on the file itself would follow the old inode) with a short debounce
// so that one save parses once, and a poll that re-reads the file in case the watch misses events
// (network file systems, some container runtimes). A file that fails to parse keeps the last good
// value; the failure is reported to `onError` and the next change tries again.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchedFileOptions<T> {
  path: string;
  /** Turns the file's text into a value; throws when the text is not acceptable. */
  parse: (text: string) => T;
  /** A new value was parsed after a change (not called for the first load). */
  onReload?: (value: T) => void;
  /** A change could not be read or parsed; the previous value stays. */
  onError?: (error: unknown) => void;
  /** Quiet time after the last watch event before the file is read. */
  debounceMs?: number;
  /** Interval of the fallback poll; 0 turns polling off. */
  pollMs?: number;
}

export interface WatchedFile<T> {
  current(): T;
  /** Reads the file now (what a watch event or the poll does); resolves once it is handled. */
  check(): Promise<void>;
  close(): void;
}

const DEFAULT_DEBOUNCE_MS = 200;
const DEFAULT_POLL_MS = 10_000;

/** Loads the file once (throwing if it cannot be read or parsed: a bad file at start-up is fatal). */
export function watchFile<T>(options: WatchedFileOptions<T>): WatchedFile<T> {
  const { path } = options;
  let lastText = readFileSync(path, 'utf8');
  let value = options.parse(lastText);
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const readAndParse = async (): Promise<void> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      // A Secret update briefly removes the file between symlink swaps; the poll or next event retries.
      options.onError?.(error);
      return;
    }
    if (closed || text === lastText) return;
    lastText = text;
    try {
      value = options.parse(text);
    } catch (error) {
      options.onError?.(error);
      return;
    }
    options.onReload?.(value);
  };

  // One read at a time; a change seen during a read is read again after it.
  const check = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await readAndParse();
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  let watcher: FSWatcher | undefined;
  const name = basename(path);
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      // Secret volumes change `..data` and friends rather than the file name itself.
      if (changed !== null && changed !== name && !changed.startsWith('..')) return;
      clearTimeout(debounce);
      debounce = setTimeout(() => void check(), options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      debounce.unref();
    });
    watcher.on('error', () => {
      // The directory went away or the watch broke: the poll keeps the file current.
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    watcher = undefined;
  }
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const poll = pollMs > 0 ? setInterval(() => void check(), pollMs) : undefined;
  poll?.unref();

  return {
    current: () => value,
    check,
    close: () => {
      closed = true;
      clearTimeout(debounce);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}
