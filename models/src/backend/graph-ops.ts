// The operators a model file's main graph uses and its metadata, read without loading its weights: the ModelProto is
// walked field by field from disk, only node messages are decoded and initializers are skipped, so a
// 2 GB graph costs a few thousand small reads. The runtime reads the layout from the graph this way
// (GroupQueryAttention changes how the KV cache is laid out), where session metadata has only I/O.
import { open, type FileHandle } from 'node:fs/promises';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const MODEL_GRAPH_FIELD = 7;
const MODEL_METADATA_FIELD = 14;
const GRAPH_NODE_FIELD = 1;
const WINDOW = 64 * 1024;

/** Reads a file through a sliding window, for protobuf varints and small messages. */
class FileCursor {
  private window = new Uint8Array(0);
  private windowStart = 0;

  private readonly handle: FileHandle;

  constructor(handle: FileHandle) {
    this.handle = handle;
  }

  private async fill(position: number, length: number): Promise<void> {
    if (position >= this.windowStart && position + length <= this.windowStart + this.window.length) return;
    const buffer = new Uint8Array(Math.max(WINDOW, length));
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, position);
    this.window = buffer.subarray(0, bytesRead);
    this.windowStart = position;
  }

  async bytes(position: number, length: number): Promise<Uint8Array> {
    await this.fill(position, length);
    const offset = position - this.windowStart;
    if (offset + length > this.window.length) throw new Error('truncated ONNX file');
    return this.window.subarray(offset, offset + length);
  }

  /** A varint at `position`: its value and the position after it. */
  async varint(position: number): Promise<[number, number]> {
    // At most 10 bytes; fewer may remain at the end of the file.
    await this.fill(position, 10);
    const offset = position - this.windowStart;
    const end = Math.min(offset + 10, this.window.length);
    let value = 0;
    for (let i = offset; i < end; i++) {
      const byte = this.window[i] as number;
      value += (byte & 0x7f) * 2 ** (7 * (i - offset));
      if (byte < 0x80) return [value, position + i - offset + 1];
    }
    throw new Error('malformed varint in ONNX file');
  }
}

/** Visits the fields of the message in [start, end): field number, wire type, payload start and end. */
async function forEachField(
  cursor: FileCursor,
  start: number,
  end: number,
  visit: (field: number, payloadStart: number, payloadEnd: number) => Promise<void>,
): Promise<void> {
  let at = start;
  while (at < end) {
    const [tag, afterTag] = await cursor.varint(at);
    const wire = tag % 8;
    const field = Math.floor(tag / 8);
    let payloadStart = afterTag;
    let payloadEnd: number;
    if (wire === 0) payloadEnd = (await cursor.varint(afterTag))[1];
    else if (wire === 1) payloadEnd = afterTag + 8;
    else if (wire === 5) payloadEnd = afterTag + 4;
    else if (wire === 2) {
      const [length, afterLength] = await cursor.varint(afterTag);
      payloadStart = afterLength;
      payloadEnd = afterLength + length;
    } else throw new Error(`unsupported protobuf wire type ${wire} in ONNX file`);
    await visit(field, payloadStart, payloadEnd);
    at = payloadEnd;
  }
}

export interface GraphSummary {
  /** `domain::OpType` (bare `OpType` for the default domain) of every node in the main graph. */
  operators: Set<string>;
  /** The model's metadata_props. */
  metadata: Map<string, string>;
}

export async function readGraphSummary(modelPath: string): Promise<GraphSummary> {
  const handle = await open(modelPath, 'r');
  try {
    const cursor = new FileCursor(handle);
    const { size } = await handle.stat();
    const operators = new Set<string>();
    const metadata = new Map<string, string>();
    await forEachField(cursor, 0, size, async (field, start, end) => {
      if (field === MODEL_METADATA_FIELD) {
        const entry = onnx.StringStringEntryProto.decode(await cursor.bytes(start, end - start));
        metadata.set(entry.key, entry.value);
      }
      if (field !== MODEL_GRAPH_FIELD) return;
      await forEachField(cursor, start, end, async (graphField, nodeStart, nodeEnd) => {
        if (graphField !== GRAPH_NODE_FIELD) return;
        const node = onnx.NodeProto.decode(await cursor.bytes(nodeStart, nodeEnd - nodeStart));
        operators.add(node.domain && node.domain !== 'ai.onnx' ? `${node.domain}::${node.opType}` : node.opType);
      });
    });
    return { operators, metadata };
  } finally {
    await handle.close();
  }
}
