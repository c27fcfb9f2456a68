// The skip-gate: decides, cheapest signal first, whether a text needs the cleaner model at all. A pure
// function of the text, the configuration and the cheap signals already gathered, so it can be tested
// and measured (JFLEG false-skip / clean-skip rates) without any server.

export type SkipReasonName = 'empty' | 'trivial' | 'unsupported_language' | 'cache_hit' | 'already_clean';

export type SkipDecision = { skip: true; reason: SkipReasonName } | { skip: false; reason: 'needs_model' };

export interface SkipGateConfig {
  /** Texts with fewer letters than this are trivial ("ok", "42", ":-)"). */
  minLetters: number;
  /**
   * Skip a text on jw2's cheap checker's word (its last, fallible stage: see `mpr eval gate`). Off, every
   * text past the local stages goes to the model; an LLM cleaner then verifies a clean text itself in one
   * forward pass (verifiedClean), so nothing is skipped wrongly, at the price of that pass.
   */
  cheapChecker: boolean;
}

export const DEFAULT_SKIP_GATE_CONFIG: SkipGateConfig = { minLetters: 2, cheapChecker: true };

/** The cleaner's verdict on its cheap check (jw2 owns that rule): null when the text needs the model. */
export type AgentVerdict = 'already_clean' | 'unsupported_language' | null;

export interface CheapSignals {
  cacheHit?: boolean;
  /** From jw2's cheap checker (Clean with check_first, or Check); absent when not asked yet. */
  verdict?: AgentVerdict;
}

// Format characters (zero-width spaces, joiners, BOM) and whitespace carry nothing to correct.
const INVISIBLE = /[\p{Cf}\p{White_Space}]/gu;
const LETTER = /\p{L}/gu;

export function normalizeForGate(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

/** Stages that need no downstream call: empty, trivial. */
export function preCheckDecision(
  text: string,
  config: Pick<SkipGateConfig, 'minLetters'> = DEFAULT_SKIP_GATE_CONFIG,
): SkipDecision | undefined {
  const visible = normalizeForGate(text);
  if (visible.length === 0) return { skip: true, reason: 'empty' };
  const letters = visible.match(LETTER)?.length ?? 0;
  if (letters < config.minLetters) return { skip: true, reason: 'trivial' };
  return undefined;
}

export function decideSkip(
  text: string,
  signals: CheapSignals,
  config: SkipGateConfig = DEFAULT_SKIP_GATE_CONFIG,
): SkipDecision {
  const early = preCheckDecision(text, config);
  if (early) return early;
  if (signals.cacheHit) return { skip: true, reason: 'cache_hit' };
  if (signals.verdict) return { skip: true, reason: signals.verdict };
  return { skip: false, reason: 'needs_model' };
}
