// The skip-gate: decides, cheapest signal first, whether a text needs the cleaner model at all. A pure
// function of the text, the configuration and the cheap signals already gathered, so it can be tested
// and measured (JFLEG false-skip / clean-skip rates) without any server.

export type SkipReasonName = 'empty' | 'trivial' | 'unsupported_language' | 'cache_hit' | 'already_clean';

export type SkipDecision = { skip: true; reason: SkipReasonName } | { skip: false; reason: 'needs_model' };

export const UNDETERMINED_LANGUAGE = 'und';

export interface SkipGateConfig {
  /** Texts with fewer letters than this are trivial ("ok", "42", ":-)"). */
  minLetters: number;
}

export const DEFAULT_SKIP_GATE_CONFIG: SkipGateConfig = { minLetters: 2 };

export interface CheapSignals {
  /** From the cleaner's Check RPC; absent when not asked yet. */
  check?: { language: string; languageSupported: boolean; needsCleaning: boolean };
  cacheHit?: boolean;
}

// Format characters (zero-width spaces, joiners, BOM) and whitespace carry nothing to correct.
const INVISIBLE = /[\p{Cf}\p{White_Space}]/gu;
const LETTER = /\p{L}/gu;

export function normalizeForGate(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

/** Stages that need no downstream call: empty, trivial. */
export function preCheckDecision(text: string, config: SkipGateConfig = DEFAULT_SKIP_GATE_CONFIG): SkipDecision | undefined {
  const visible = normalizeForGate(text);
  if (visible.length === 0) return { skip: true, reason: 'empty' };
  const letters = visible.match(LETTER)?.length ?? 0;
  if (letters < config.minLetters) return { skip: true, reason: 'trivial' };
  return undefined;
}

export function decideSkip(text: string, signals: CheapSignals, config: SkipGateConfig = DEFAULT_SKIP_GATE_CONFIG): SkipDecision {
  const early = preCheckDecision(text, config);
  if (early) return early;
  if (signals.cacheHit) return { skip: true, reason: 'cache_hit' };
  // Only a language identified as another one is skipped: short texts are often undetermined ("und"),
  // and skipping those would skip real errors.
  if (signals.check && !signals.check.languageSupported && signals.check.language !== UNDETERMINED_LANGUAGE) {
    return { skip: true, reason: 'unsupported_language' };
  }
  if (signals.check && !signals.check.needsCleaning) return { skip: true, reason: 'already_clean' };
  return { skip: false, reason: 'needs_model' };
}
