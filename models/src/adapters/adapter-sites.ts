// Where a graph prepared for run-time adapters (models/tools/adapter-inputs) takes them: each projection
// ("site") gains inputs `<site>.lora_A` [in, columns] and `<site>.lora_B` [columns, out], added to its
// output as ((x @ A) * mask) @ B. The mask keeps, per batch row, the columns of the row's adapter: the
// graph compares `adapter_index` [batch] (-1: none) with `lora_column_adapter` [columns] (the adapter
// slot each column belongs to). A packed projection (QKV in one MatMul) has one part per module: its A is
// [A_q | A_k | A_v] over the same columns, its B block-diagonal onto each part's output columns.
import { MprError } from '../../../lib/errors.ts';

export const ADAPTER_INDEX_INPUT = 'adapter_index';
export const ADAPTER_COLUMNS_INPUT = 'lora_column_adapter';
/** Model metadata key (metadata_props) holding the sites as JSON. */
export const ADAPTER_SITES_METADATA = 'mpr.adapter_sites';
/** `adapter_index` of a row that runs the base model. */
export const NO_ADAPTER = -1;

export interface AdapterSitePart {
  /** PEFT target module name, e.g. `q_proj`. */
  module: string;
  /** First output column of this module in the projection's output. */
  offset: number;
  size: number;
}

export interface AdapterSite {
  /** Module path as PEFT names it, e.g. `model.layers.0.self_attn.q_proj` (packed: `...attn.qkv_proj`). */
  site: string;
  layer: number;
  inDim: number;
  outDim: number;
  /** Element type of the site's A and B inputs (the graph's activation type). */
  dtype: 'float32' | 'float16';
  parts: AdapterSitePart[];
}

export const siteInputA = (site: string): string => `${site}.lora_A`;
export const siteInputB = (site: string): string => `${site}.lora_B`;

export function parseAdapterSites(json: string): AdapterSite[] {
  let sites: unknown;
  try {
    sites = JSON.parse(json);
  } catch {
    throw new MprError('model_error', `model metadata ${ADAPTER_SITES_METADATA} is not JSON`);
  }
  const valid =
    Array.isArray(sites) &&
    sites.every(
      (s) =>
        typeof s?.site === 'string' &&
        Number.isInteger(s.layer) &&
        Number.isInteger(s.inDim) &&
        Number.isInteger(s.outDim) &&
        (s.dtype === 'float32' || s.dtype === 'float16') &&
        Array.isArray(s.parts) &&
        s.parts.length > 0,
    );
  if (!valid) throw new MprError('model_error', `model metadata ${ADAPTER_SITES_METADATA} does not list adapter sites`);
  return sites as AdapterSite[];
}
