// The adapters a decoder holds, by slot: PEFT directories read once and kept while a slot names them,
// checked against the graph's sites, and stacked into the tensors the graph is fed.
import { MprError } from '../../../lib/errors.ts';
import type { AdapterSite } from './adapter-sites.ts';
import { checkAdapterFits, stackAdapters, type AdapterStack } from './adapter-stack.ts';
import { loadPeftAdapter, type PeftAdapter } from './peft-adapter.ts';

export class AdapterLibrary {
  private readonly loaded = new Map<string, Promise<PeftAdapter>>();
  private readonly sites: readonly AdapterSite[] | null;
  private readonly modelPath: string;

  constructor(sites: readonly AdapterSite[] | null, modelPath: string) {
    this.sites = sites;
    this.modelPath = modelPath;
  }

  /** The stack for `slots` (adapter directories; null: an empty slot). Adapters no slot names are let go. */
  async stack(slots: readonly (string | null)[]): Promise<AdapterStack> {
    const sites = this.sites;
    if (!sites) {
      if (slots.every((slot) => slot === null))
        return { columns: 0, columnAdapter: new BigInt64Array(0), sites: new Map() };
      throw new MprError(
        'invalid_argument',
        `${this.modelPath} takes no adapters: prepare it once with \`mpr add-adapter-inputs\` (see models/README.md)`,
      );
    }
    const wanted = new Set(slots.filter((slot): slot is string => slot !== null));
    for (const dir of this.loaded.keys()) if (!wanted.has(dir)) this.loaded.delete(dir);
    const adapters = await Promise.all(
      slots.map(async (dir) => {
        if (dir === null) return null;
        let pending = this.loaded.get(dir);
        if (!pending) {
          pending = loadPeftAdapter(dir).then((adapter) => {
            checkAdapterFits(adapter, sites);
            return adapter;
          });
          this.loaded.set(dir, pending);
          // A failed load is not kept: the next attempt reads the directory again.
          pending.catch(() => this.loaded.delete(dir));
        }
        return pending;
      }),
    );
    return stackAdapters(sites, adapters);
  }
}
