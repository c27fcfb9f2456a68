// A thin helper over the ONNX protobuf types: named nodes, deduplicated constants, typed graph I/O.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

export const { onnx } = onnxProto;
export type TensorProto = OnnxTypes.ITensorProto;
export type ModelProto = OnnxTypes.IModelProto;
export type ValueInfoProto = OnnxTypes.IValueInfoProto;
export type NodeProto = OnnxTypes.INodeProto;

export const ELEM = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10 } as const;

/** Domain of onnxruntime's contrib operators (MatMulNBits, GroupQueryAttention, ...). */
export const MS_DOMAIN = 'com.microsoft';

/** Integer attributes are numbers, integer lists are arrays; floats must be wrapped. */
export type AttributeValue = number | number[] | { float: number } | { tensor: TensorProto };

/** A dimension is a fixed size or a symbolic name such as "batch_size". */
export type Dim = number | string;

export function valueInfo(name: string, elemType: number, dims: Dim[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function floatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  return { name, dims, dataType: ELEM.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function float16Tensor(name: string, dims: number[], bits: Uint16Array): TensorProto {
  return { name, dims, dataType: ELEM.FLOAT16, rawData: new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength) };
}

export function uint8Tensor(name: string, dims: number[], data: Uint8Array): TensorProto {
  return { name, dims, dataType: ELEM.UINT8, rawData: data };
}

export function int64Tensor(name: string, dims: number[], values: readonly number[]): TensorProto {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return { name, dims, dataType: ELEM.INT64, rawData: new Uint8Array(data.buffer) };
}

export function attribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  return { name, type: T.TENSOR, t: value.tensor };
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  /** Adds a node and returns its output names (fresh unless given). */
  op(
    opType: string,
    inputs: string[],
    attrs: Record<string, AttributeValue> = {},
    outputs: number | string[] = 1,
  ): string[] {
    return this.named(`/${opType}_${this.counter++}`, opType, inputs, attrs, outputs);
  }

  /**
   * Adds a node under an exporter-style name (`/model/layers.0/self_attn/q_proj/MatMul`), which tools
   * such as the adapter rewrite find projections by; outputs are `<name>/output_<i>` unless given.
   */
  named(
    name: string,
    opType: string,
    inputs: string[],
    attrs: Record<string, AttributeValue> = {},
    outputs: number | string[] = 1,
    domain = '',
  ): string[] {
    const outNames =
      typeof outputs === 'number' ? Array.from({ length: outputs }, (_, i) => `${name}/output_${i}`) : outputs;
    this.nodes.push({
      name,
      opType,
      input: inputs,
      output: outNames,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      ...(domain ? { domain } : {}),
    });
    return outNames;
  }

  /** Single-output convenience form of `op`. */
  op1(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}, output?: string): string {
    const [out] = this.op(opType, inputs, attrs, output === undefined ? 1 : [output]);
    return out as string;
  }

  weight(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  /** Adds an initializer of any element type and returns its name. */
  tensor(tensor: TensorProto): string {
    this.initializers.push(tensor);
    return tensor.name as string;
  }

  ints(values: readonly number[], scalar = false): string {
    const key = `i64:${scalar ? 's' : 'v'}:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = `const_${this.constants.size}_i64`;
    this.initializers.push(int64Tensor(name, scalar ? [] : [values.length], values));
    this.constants.set(key, name);
    return name;
  }

  floats(values: readonly number[], dims: number[] = [values.length]): string {
    const key = `f32:${dims.join('x')}:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = `const_${this.constants.size}_f32`;
    this.initializers.push(floatTensor(name, dims, Float32Array.from(values)));
    this.constants.set(key, name);
    return name;
  }
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

export function decodeModel(bytes: Uint8Array): OnnxTypes.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
