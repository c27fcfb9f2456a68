// Engine results -> mpr.v1 messages. Engines speak in domain types; only this module knows the wire.
import { EDIT_KIND_PREFIX, nameToEnum } from '../../lib/wire-names.ts';
import type { Edit } from '../../proto/generated/mpr/v1/Edit.ts';
import type { Flag } from '../../proto/generated/mpr/v1/Flag.ts';
import type { EngineInfo as WireEngineInfo } from '../../proto/generated/mpr/v1/EngineInfo.ts';
import type { Timings } from '../../proto/generated/mpr/v1/Timings.ts';
import type { GenerationOptions__Output } from '../../proto/generated/mpr/v1/GenerationOptions.ts';
import type { EngineInfo, EngineTimings, GenerationSettings } from './engine-types.ts';

export interface EditLike {
  start: number;
  end: number;
  original: string;
  replacement: string;
  kind: string;
  message: string;
}

export function toWireEdit(edit: EditLike): Edit {
  const { start, end, original, replacement, kind, message } = edit;
  return { start, end, original, replacement, message, kind: nameToEnum(kind, EDIT_KIND_PREFIX) as Edit['kind'] };
}

export function toWireFlag(flag: Omit<EditLike, 'original' | 'replacement'> & { rule?: string }): Flag {
  const { start, end, kind, message, rule = '' } = flag;
  return { start, end, message, rule, kind: nameToEnum(kind, EDIT_KIND_PREFIX) as Flag['kind'] };
}

export function toWireEngine(info: EngineInfo): WireEngineInfo {
  return { kind: info.kind, id: info.id, version: info.version, executionProvider: info.executionProvider };
}

export function toWireTimings(totalMs: number, engine?: EngineTimings, queueMs = 0): Timings {
  return {
    totalMs,
    queueMs,
    prefillMs: engine?.prefillMs ?? 0,
    timeToFirstTokenMs: engine?.timeToFirstTokenMs ?? 0,
    decodeTokensPerSecond: engine?.decodeTokensPerSecond ?? 0,
  };
}

/** Wire generation options -> engine settings; proto3 zero values mean "use the model's default". */
export function fromWireGeneration(
  options: GenerationOptions__Output | null | undefined,
): GenerationSettings | undefined {
  if (!options) return undefined;
  const settings: GenerationSettings = {};
  if (options.temperature > 0) settings.temperature = options.temperature;
  if (options.topK > 0) settings.topK = options.topK;
  if (options.topP > 0) settings.topP = options.topP;
  if (options.maxNewTokens > 0) settings.maxNewTokens = options.maxNewTokens;
  if (Number(options.seed) > 0) settings.seed = Number(options.seed);
  return settings;
}
