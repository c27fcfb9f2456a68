// The tensors a graph prepared for run-time adapters is fed (see adapter-sites.ts): every adapter slot's
// LoRA factors side by side. Slot s owns columns [c_s, c_s + w_s) of every site, w_s being its largest
// rank; a module it does not adapt, or a smaller rank, leaves zeros there, which add exactly nothing. An
// empty slot owns no columns; with no adapter at all, one zero column keeps every shape valid.
import { MprError } from '../../../lib/errors.ts';
import { float32ToFloat16 } from '../kernels/float16.ts';
import type { AdapterSite } from './adapter-sites.ts';
import { loraModuleKey, type PeftAdapter } from './peft-adapter.ts';

/** `lora_column_adapter` value of the filler column when no adapter is loaded: no row's index matches it. */
const NO_SLOT = -2;

export interface SiteFactors {
  /** [in, parts * columns] */
  a: Float32Array | Uint16Array;
  /** [parts * columns, out] */
  b: Float32Array | Uint16Array;
  dtype: 'float32' | 'float16';
}

export interface AdapterStack {
  columns: number;
  /** [columns]: the slot each column belongs to. */
  columnAdapter: BigInt64Array;
  sites: Map<string, SiteFactors>;
}

function slotWidth(adapter: PeftAdapter): number {
  let width = 0;
  for (const module of adapter.modules.values()) width = Math.max(width, module.rank);
  return width;
}

/** Checks that every module of `adapter` has a site of the right shape (no adapted module is ever dropped). */
export function checkAdapterFits(adapter: PeftAdapter, sites: readonly AdapterSite[]): void {
  const parts = new Map<string, { inDim: number; size: number }>();
  for (const site of sites)
    for (const part of site.parts)
      parts.set(loraModuleKey(site.layer, part.module), { inDim: site.inDim, size: part.size });
  for (const [key, module] of adapter.modules) {
    const part = parts.get(key);
    if (!part) {
      throw new MprError(
        'invalid_argument',
        `adapter ${adapter.dir} adapts layer ${module.layer} ${module.module}, which the model takes no adapter input for`,
      );
    }
    if (part.inDim !== module.inDim || part.size !== module.outDim) {
      throw new MprError(
        'invalid_argument',
        `adapter ${adapter.dir}: layer ${module.layer} ${module.module} is ${module.inDim}x${module.outDim}, the model's ${part.inDim}x${part.size}`,
      );
    }
  }
}

export function stackAdapters(sites: readonly AdapterSite[], slots: readonly (PeftAdapter | null)[]): AdapterStack {
  const starts: number[] = [];
  let columns = 0;
  for (const adapter of slots) {
    starts.push(columns);
    columns += adapter ? slotWidth(adapter) : 0;
  }
  const filler = columns === 0;
  if (filler) columns = 1;
  const columnAdapter = new BigInt64Array(columns).fill(BigInt(NO_SLOT));
  slots.forEach((adapter, slot) => {
    if (adapter)
      columnAdapter.fill(BigInt(slot), starts[slot] as number, (starts[slot] as number) + slotWidth(adapter));
  });

  const stacked = new Map<string, SiteFactors>();
  for (const site of sites) {
    const width = site.parts.length * columns;
    const a = new Float32Array(site.inDim * width);
    const b = new Float32Array(width * site.outDim);
    site.parts.forEach((part, p) => {
      slots.forEach((adapter, slot) => {
        const module = adapter?.modules.get(loraModuleKey(site.layer, part.module));
        if (!module) return;
        const first = p * columns + (starts[slot] as number);
        // A^T into columns [first, first + rank): a[i][first + k] = A[k][i].
        for (let k = 0; k < module.rank; k++)
          for (let i = 0; i < site.inDim; i++) a[i * width + first + k] = module.a[k * site.inDim + i] as number;
        // (scale * B)^T into rows [first, first + rank), this part's output columns.
        for (let k = 0; k < module.rank; k++)
          for (let o = 0; o < part.size; o++)
            b[(first + k) * site.outDim + part.offset + o] = module.scaledB[o * module.rank + k] as number;
      });
    });
    stacked.set(site.site, {
      a: site.dtype === 'float16' ? float32ToFloat16(a) : a,
      b: site.dtype === 'float16' ? float32ToFloat16(b) : b,
      dtype: site.dtype,
    });
  }
  return { columns, columnAdapter, sites: stacked };
}
