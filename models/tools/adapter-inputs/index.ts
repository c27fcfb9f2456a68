// Prepares an exported decoder for LoRA adapters chosen at run time, without merging: every targeted
// projection (found by the exporters' node scopes, `/model/layers.N/<attn>/<module>/MatMul`, MatMul_Q4 or
// MatMulNBits) gets its LoRA A and B as graph inputs, added to its output (after any bias) as
// ((x @ A) * mask) @ B, where the mask keeps each batch row's own adapter columns (see
// models/src/adapters/adapter-sites.ts). Adapters are then tensors the runtime feeds: many share one base
// session, a batch mixes rows of different adapters, and a row without one adds exact zeros (its output
// equals the base graph's). The sites are recorded in the model's metadata for the runtime. Packed QKV
// projections (onnxruntime-genai) are split per module with the heads of the layer's GroupQueryAttention.
import { MprError } from '../../../lib/errors.ts';
import {
  ADAPTER_COLUMNS_INPUT,
  ADAPTER_INDEX_INPUT,
  ADAPTER_SITES_METADATA,
  siteInputA,
  siteInputB,
  type AdapterSite,
  type AdapterSitePart,
} from '../../src/adapters/adapter-sites.ts';
import { readGraphFile, writeGraphFile, type LoadedModel } from '../graph-file.ts';
import { attribute, ELEM, int64Tensor, valueInfo, type NodeProto } from '../make-tiny-model/graph-builder.ts';

/** PEFT module names of Llama / Qwen2 projections. */
export const ADAPTER_MODULES = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;

const PROJECTION = /^\/model\/layers\.(\d+)\/(self_attn|attn|mlp)\/(\w+_proj)\/(MatMul|MatMul_Q4|MatMulNBits)$/;

export interface AdapterInputsOptions {
  input: string;
  output: string;
  /** Modules that may carry adapters (default: all seven projections); others stay untouched. */
  modules?: readonly string[];
}

export interface AdapterInputsReport {
  sites: AdapterSite[];
}

type Graph = NonNullable<LoadedModel['graph']>;

interface FoundSite extends AdapterSite {
  node: NodeProto;
  /** The tensor the adapter delta is added to: the projection's output, after its bias if it has one. */
  output: string;
}

function intAttribute(node: NodeProto, name: string): number | null {
  const found = node.attribute?.find((a) => a.name === name);
  return found?.i === undefined || found.i === null ? null : Number(found.i);
}

function dtypeOf(elemType: number | null | undefined, where: string): 'float32' | 'float16' {
  if (elemType === ELEM.FLOAT) return 'float32';
  if (elemType === ELEM.FLOAT16) return 'float16';
  throw new MprError('unsupported_schema', `${where}: weights of element type ${elemType} cannot carry adapters`);
}

function packedParts(graph: Graph, layer: number, outDim: number, node: string): AdapterSitePart[] {
  const attention = graph.node?.find(
    (n) => n.opType === 'GroupQueryAttention' && n.name?.startsWith(`/model/layers.${layer}/`),
  );
  const heads = attention ? intAttribute(attention, 'num_heads') : null;
  const kvHeads = attention ? intAttribute(attention, 'kv_num_heads') : null;
  if (!heads || !kvHeads) {
    throw new MprError(
      'unsupported_schema',
      `${node}: a packed QKV projection needs the layer's GroupQueryAttention heads`,
    );
  }
  const headDim = outDim / (heads + 2 * kvHeads);
  return [
    { module: 'q_proj', offset: 0, size: heads * headDim },
    { module: 'k_proj', offset: heads * headDim, size: kvHeads * headDim },
    { module: 'v_proj', offset: (heads + kvHeads) * headDim, size: kvHeads * headDim },
  ];
}

function findSites(graph: Graph, modules: ReadonlySet<string>): FoundSite[] {
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name as string, t]));
  const consumers = new Map<string, NodeProto[]>();
  for (const node of graph.node ?? []) {
    for (const input of node.input ?? []) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  }
  const sites: FoundSite[] = [];
  for (const node of graph.node ?? []) {
    const match = PROJECTION.exec(node.name ?? '');
    if (!match) continue;
    const [, layerText, scope, module] = match as unknown as [string, string, string, string];
    const layer = Number(layerText);
    let inDim: number | null;
    let outDim: number | null;
    let dtype: 'float32' | 'float16';
    if (node.opType === 'MatMulNBits') {
      inDim = intAttribute(node, 'K');
      outDim = intAttribute(node, 'N');
      dtype = dtypeOf(initializers.get(node.input?.[2] ?? '')?.dataType, node.name as string);
    } else {
      const weight = initializers.get(node.input?.[1] ?? '');
      inDim = weight?.dims?.length === 2 ? Number(weight.dims[0]) : null;
      outDim = weight?.dims?.length === 2 ? Number(weight.dims[1]) : null;
      dtype = dtypeOf(weight?.dataType, node.name as string);
    }
    if (!inDim || !outDim) throw new MprError('unsupported_schema', `${node.name}: cannot read the projection's sizes`);
    const parts =
      module === 'qkv_proj'
        ? packedParts(graph, layer, outDim, node.name as string)
        : [{ module, offset: 0, size: outDim }];
    if (!parts.some((part) => modules.has(part.module))) continue;
    let output = node.output?.[0] as string;
    const next = consumers.get(output) ?? [];
    const bias = next.length === 1 && next[0]?.opType === 'Add' ? next[0] : null;
    if (bias?.input?.some((input) => initializers.has(input))) output = bias.output?.[0] as string;
    sites.push({ site: `model.layers.${layer}.${scope}.${module}`, layer, inDim, outDim, dtype, parts, node, output });
  }
  return sites;
}

export async function addAdapterInputs(options: AdapterInputsOptions): Promise<AdapterInputsReport> {
  const model = await readGraphFile(options.input);
  const graph = model.graph as Graph;
  if ((graph.input ?? []).some((input) => input.name === ADAPTER_INDEX_INPUT)) {
    throw new MprError('invalid_argument', `${options.input} already takes adapters (${ADAPTER_INDEX_INPUT} input)`);
  }
  const sites = findSites(graph, new Set(options.modules ?? ADAPTER_MODULES));
  if (sites.length === 0) {
    throw new MprError(
      'unsupported_schema',
      'no projection to carry adapters: expected nodes named like /model/layers.0/self_attn/q_proj/MatMul',
    );
  }

  // The row mask [batch, 1, columns] in each activation type, tiled once per part count.
  const maskNodes: NodeProto[] = [];
  const axis = '/lora/axis_1';
  graph.initializer = [...(graph.initializer ?? []), int64Tensor(axis, [1], [1])];
  maskNodes.push(
    { name: '/lora/Unsqueeze', opType: 'Unsqueeze', input: [ADAPTER_INDEX_INPUT, axis], output: ['/lora/index'] },
    { name: '/lora/Equal', opType: 'Equal', input: ['/lora/index', ADAPTER_COLUMNS_INPUT], output: ['/lora/keep'] },
  );
  const masks = new Map<string, string>();
  const maskFor = (dtype: 'float32' | 'float16', parts: number): string => {
    const key = `${dtype}x${parts}`;
    const known = masks.get(key);
    if (known) return known;
    const single = `/lora/mask_${dtype}`;
    if (!masks.has(`${dtype}x1`)) {
      const to = dtype === 'float16' ? ELEM.FLOAT16 : ELEM.FLOAT;
      maskNodes.push(
        {
          name: `/lora/Cast_${dtype}`,
          opType: 'Cast',
          input: ['/lora/keep'],
          output: [`${single}_2d`],
          attribute: [attribute('to', to)],
        },
        { name: `/lora/Unsqueeze_${dtype}`, opType: 'Unsqueeze', input: [`${single}_2d`, axis], output: [single] },
      );
      masks.set(`${dtype}x1`, single);
    }
    if (parts === 1) return single;
    const tiled = `${single}_x${parts}`;
    maskNodes.push({
      name: `/lora/Concat_${dtype}_x${parts}`,
      opType: 'Concat',
      input: Array.from({ length: parts }, () => single),
      output: [tiled],
      attribute: [attribute('axis', -1)],
    });
    masks.set(key, tiled);
    return tiled;
  };

  const deltas = new Map<string, NodeProto[]>();
  const renamed = new Map<string, string>();
  for (const site of sites) {
    const scope = (site.node.name as string).replace(/\/[^/]+$/, '/lora');
    const mask = maskFor(site.dtype, site.parts.length);
    const sum = `${scope}/output_0`;
    deltas.set(site.output, [
      {
        name: `${scope}/MatMul_A`,
        opType: 'MatMul',
        input: [site.node.input?.[0] as string, siteInputA(site.site)],
        output: [`${scope}/down`],
      },
      { name: `${scope}/Mul`, opType: 'Mul', input: [`${scope}/down`, mask], output: [`${scope}/kept`] },
      {
        name: `${scope}/MatMul_B`,
        opType: 'MatMul',
        input: [`${scope}/kept`, siteInputB(site.site)],
        output: [`${scope}/delta`],
      },
      { name: `${scope}/Add`, opType: 'Add', input: [site.output, `${scope}/delta`], output: [sum] },
    ]);
    renamed.set(site.output, sum);
  }
  const nodes: NodeProto[] = [...maskNodes];
  for (const node of graph.node ?? []) {
    node.input = (node.input ?? []).map((input) => renamed.get(input) ?? input);
    nodes.push(node);
    for (const output of node.output ?? []) {
      for (const delta of deltas.get(output) ?? []) {
        // The activation may itself be another site's output (renamed); the sum keeps its own input.
        if (delta.opType === 'MatMul') delta.input = (delta.input ?? []).map((input) => renamed.get(input) ?? input);
        nodes.push(delta);
      }
    }
  }
  graph.node = nodes;

  const elem = (dtype: 'float32' | 'float16'): number => (dtype === 'float16' ? ELEM.FLOAT16 : ELEM.FLOAT);
  graph.input = [
    ...(graph.input ?? []),
    valueInfo(ADAPTER_INDEX_INPUT, ELEM.INT64, ['batch_size']),
    valueInfo(ADAPTER_COLUMNS_INPUT, ELEM.INT64, ['lora_columns']),
    ...sites.flatMap((site) => [
      valueInfo(siteInputA(site.site), elem(site.dtype), [site.inDim, `lora_columns_x${site.parts.length}`]),
      valueInfo(siteInputB(site.site), elem(site.dtype), [`lora_columns_x${site.parts.length}`, site.outDim]),
    ]),
  ];
  const recorded: AdapterSite[] = sites.map(({ site, layer, inDim, outDim, dtype, parts }) => ({
    site,
    layer,
    inDim,
    outDim,
    dtype,
    parts,
  }));
  model.metadataProps = [
    ...(model.metadataProps ?? []).filter((entry) => entry.key !== ADAPTER_SITES_METADATA),
    { key: ADAPTER_SITES_METADATA, value: JSON.stringify(recorded) },
  ];
  await writeGraphFile(model, options.input, options.output);
  return { sites: recorded };
}
