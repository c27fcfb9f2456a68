// Which LoRA adapters jw1 may name on jw2's behalf. jw1 answers some sentences without the model (a
// trivial text, a cached answer); when the request names an adapter, that answer is only right if jw2
// holds the adapter, or an unknown name would get 200 instead of unknown_adapter. jw2 vouches for a name
// by serving it (a Clean, or a Check naming it); the vouch lasts a short while, since jw2 may reload its
// manifest and drop the name at any time.
import { toMprError } from '../lib/errors.ts';

export interface AdapterVouchers {
  /** Whether jw2 served this adapter within the vouch period. */
  vouched(adapter: string): boolean;
  /** jw2 served the adapter just now. */
  confirm(adapter: string): void;
  /** jw2 refused the adapter (unknown_adapter): no vouch until it serves the name again. */
  revoke(adapter: string): void;
  /**
   * Resolves once jw2 vouches for the adapter (`ask` is its answer), or rejects with jw2's refusal.
   * Concurrent callers naming the same unvouched adapter share one `ask`.
   */
  vouch(adapter: string, ask: () => Promise<unknown>): Promise<void>;
  /** A call to jw2 naming the adapter: served, it vouches; refused with unknown_adapter, it revokes. */
  observe<T>(adapter: string, call: Promise<T>): Promise<T>;
}

const isUnknownAdapter = (error: unknown) => toMprError(error).code === 'unknown_adapter';

export function createAdapterVouchers(ttlMs: number, now: () => number = Date.now): AdapterVouchers {
  const until = new Map<string, number>();
  const asking = new Map<string, Promise<void>>();
  const vouched = (adapter: string) => (until.get(adapter) ?? -Infinity) > now();
  const confirm = (adapter: string) => {
    if (ttlMs > 0) until.set(adapter, now() + ttlMs);
  };
  const revoke = (adapter: string) => {
    until.delete(adapter);
  };
  const observe = <T>(adapter: string, call: Promise<T>): Promise<T> =>
    call.then(
      (answer) => {
        confirm(adapter);
        return answer;
      },
      (error: unknown) => {
        if (isUnknownAdapter(error)) revoke(adapter);
        throw error;
      },
    );
  return {
    vouched,
    confirm,
    revoke,
    observe,
    vouch(adapter, ask) {
      if (vouched(adapter)) return Promise.resolve();
      const pending = asking.get(adapter);
      if (pending) return pending;
      const asked = observe(adapter, ask())
        .then(() => undefined)
        .finally(() => asking.delete(adapter));
      asking.set(adapter, asked);
      return asked;
    },
  };
}
