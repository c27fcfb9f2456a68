// Moves initializers out of the model proto into one data file beside it, as exporters do for models
// over protobuf's 2 GB limit (Optimum: `model.onnx_data`; the onnxruntime-genai builder: `model.onnx.data`).
import type { ModelProto } from './graph-builder.ts';

const EXTERNAL = 1;

/**
 * Rewrites every initializer of at least `thresholdBytes` to point into `location` (a file name next to
 * the model) and returns that file's bytes. Offsets are 4 KiB aligned, so the runtime can map tensors.
 */
export function moveToExternalData(model: ModelProto, location: string, thresholdBytes = 1024): Uint8Array {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const tensor of model.graph?.initializer ?? []) {
    const raw = tensor.rawData;
    if (!raw || raw.byteLength < thresholdBytes) continue;
    const padding = (4096 - (offset % 4096)) % 4096;
    if (padding > 0) chunks.push(new Uint8Array(padding));
    offset += padding;
    chunks.push(raw);
    tensor.dataLocation = EXTERNAL;
    tensor.externalData = [
      { key: 'location', value: location },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.byteLength) },
    ];
    tensor.rawData = null;
    offset += raw.byteLength;
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.byteLength;
  }
  return data;
}
