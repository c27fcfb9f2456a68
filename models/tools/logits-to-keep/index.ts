// Rewrites a decoder graph that has no `num_logits_to_keep` input so that it gets one: the hidden
// states entering the LM head are sliced to the last n positions (0 keeps all, as in transformers).
// Prefill then computes [B, 1, V] logits instead of [B, S, V] (1 GB at S=2000, V=128k).
// Needs opset >= 13 (Unsqueeze takes axes as an input), as Optimum exports have. The LM head may be a
// MatMul, a Gemm or an int4 com.microsoft.MatMulNBits (whose activation is its first input too); a graph
// whose weights live in external data keeps pointing at them (the data files are copied beside an output
// written to another directory).
import { MprError } from '../../../lib/errors.ts';
import { readGraphFile, writeGraphFile } from '../graph-file.ts';
import { attribute, ELEM, int64Tensor, valueInfo, type NodeProto } from '../make-tiny-model/graph-builder.ts';
import { GREEDY_OUTPUT } from '../make-tiny-model/llama-graph.ts';

export const LOGITS_TO_KEEP_INPUT = 'num_logits_to_keep';

/** Element-wise ops that may sit between the LM head MatMul and `logits` (bias, soft-capping, casts). */
const PASS_THROUGH = new Set(['Add', 'Mul', 'Div', 'Sub', 'Tanh', 'Cast', 'Identity']);
/** Projections whose first input is the hidden state [batch, positions, hidden]. */
const LM_HEADS = new Set(['MatMul', 'Gemm', 'MatMulNBits']);

export interface RewriteOptions {
  input: string;
  output: string;
  /** Also add a `greedy_token_ids` output (ArgMax of the logits) for the runtime's greedy fast path. */
  greedyOutput?: boolean;
}

export interface RewriteReport {
  /** The LM head node whose activation input is now sliced; null when the graph already had the input. */
  lmHeadNode: string | null;
  alreadyPresent: boolean;
}

export async function addLogitsToKeep(options: RewriteOptions): Promise<RewriteReport> {
  const model = await readGraphFile(options.input);
  const graph = model.graph as NonNullable<typeof model.graph>;
  const inputs = graph.input ?? [];
  if (options.greedyOutput && !(graph.output ?? []).some((o) => o.name === GREEDY_OUTPUT)) {
    graph.node = [
      ...(graph.node ?? []),
      {
        name: '/greedy/ArgMax',
        opType: 'ArgMax',
        input: ['logits'],
        output: [GREEDY_OUTPUT],
        attribute: [attribute('axis', -1), attribute('keepdims', 0)],
      },
    ];
    graph.output = [...(graph.output ?? []), valueInfo(GREEDY_OUTPUT, ELEM.INT64, ['batch_size', 'logits_length'])];
  }
  if (inputs.some((i) => i.name === LOGITS_TO_KEEP_INPUT || i.name === 'logits_to_keep')) {
    await writeGraphFile(model, options.input, options.output);
    return { lmHeadNode: null, alreadyPresent: true };
  }
  const nodes = graph.node ?? [];
  const producer = new Map<string, NodeProto>();
  for (const node of nodes) for (const out of node.output ?? []) producer.set(out, node);
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));

  // Walk back from `logits` through element-wise ops to the projection (MatMul/Gemm) onto the vocabulary.
  let node = producer.get('logits');
  while (node && PASS_THROUGH.has(node.opType ?? '')) {
    const dataInput = (node.input ?? []).find((name) => producer.has(name) && !initializers.has(name));
    node = dataInput ? producer.get(dataInput) : undefined;
  }
  if (!node || !LM_HEADS.has(node.opType ?? '')) {
    const found = node ? `a ${node.opType} node` : 'no node';
    throw new MprError(
      'unsupported_schema',
      `cannot find the LM head that produces \`logits\` (a MatMul, Gemm or MatMulNBits over the hidden states); found ${found}`,
    );
  }
  const hidden = node.input?.[0];
  if (!hidden) throw new MprError('unsupported_schema', 'the LM head has no activation input');

  const prefix = '/logits_to_keep';
  const zero = `${prefix}/zero`;
  const axes = `${prefix}/axes`;
  const ends = `${prefix}/ends`;
  graph.initializer = [
    ...(graph.initializer ?? []),
    int64Tensor(zero, [1], [0]),
    int64Tensor(axes, [1], [1]),
    int64Tensor(ends, [1], [Number.MAX_SAFE_INTEGER]),
  ];
  const kept = `${prefix}/hidden`;
  const added: NodeProto[] = [
    { name: `${prefix}/Unsqueeze`, opType: 'Unsqueeze', input: [LOGITS_TO_KEEP_INPUT, zero], output: [`${prefix}/n`] },
    { name: `${prefix}/Neg`, opType: 'Neg', input: [`${prefix}/n`], output: [`${prefix}/starts`] },
    { name: `${prefix}/Slice`, opType: 'Slice', input: [hidden, `${prefix}/starts`, ends, axes], output: [kept] },
  ];
  node.input = [kept, ...(node.input ?? []).slice(1)];
  // Keep the node list topologically sorted: the slice goes right before the LM head.
  const at = nodes.indexOf(node);
  graph.node = [...nodes.slice(0, at), ...added, ...nodes.slice(at)];
  graph.input = [...inputs, valueInfo(LOGITS_TO_KEEP_INPUT, ELEM.INT64, [])];
  for (const out of graph.output ?? []) {
    const dims = out.name === 'logits' ? out.type?.tensorType?.shape?.dim : undefined;
    if (dims?.[1]) dims[1] = { dimParam: 'logits_length' };
  }
  await writeGraphFile(model, options.input, options.output);
  return { lmHeadNode: node.name ?? node.opType ?? 'MatMul', alreadyPresent: false };
}
