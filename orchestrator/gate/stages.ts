// The skip-gate's stages: in order, cheapest signal first, whether a text needs the cleaner model at all.
// Each stage reads the text as the gate sees it, the configuration, and at most one cheap signal; the
// runner (run.ts) gathers a signal only when its stage is reached. The decision is a pure function of
// the text, the configuration and the signals, so it can be tested and measured (JFLEG false-skip /
// clean-skip rates) without any server.

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

/** The cheap signals the later stages read. */
export interface GateSignals {
  /** The result cache holds an answer for this text from the cleaner's current engine. */
  cacheHit: boolean;
  /** From jw2's cheap checker, asked in the same Clean call that runs the model when needed (check_first). */
  verdict: AgentVerdict;
}

/** The text as every stage sees it, worked out once per gate. */
export interface GateText {
  /** NFKC, without format characters and whitespace. */
  visible: string;
  letters: number;
}

export interface SkipStage {
  /** The reason given when this stage skips. */
  reason: SkipReasonName;
  /** The signal the stage reads; stages without one need no downstream call. */
  reads?: keyof GateSignals;
  skips(text: GateText, signals: Partial<GateSignals>, config: SkipGateConfig): boolean;
}

export const SKIP_STAGES: readonly SkipStage[] = [
  { reason: 'empty', skips: (text) => text.visible.length === 0 },
  { reason: 'trivial', skips: (text, _signals, config) => text.letters < config.minLetters },
  { reason: 'cache_hit', reads: 'cacheHit', skips: (_text, signals) => signals.cacheHit === true },
  {
    reason: 'unsupported_language',
    reads: 'verdict',
    skips: (_text, signals) => signals.verdict === 'unsupported_language',
  },
  {
    reason: 'already_clean',
    reads: 'verdict',
    skips: (_text, signals, config) => config.cheapChecker && signals.verdict === 'already_clean',
  },
];

// Format characters (zero-width spaces, joiners, BOM) and whitespace carry nothing to correct.
const INVISIBLE = /[\p{Cf}\p{White_Space}]/gu;
const LETTER = /\p{L}/gu;

export function gateText(text: string): GateText {
  const visible = text.normalize('NFKC').replace(INVISIBLE, '');
  return { visible, letters: visible.match(LETTER)?.length ?? 0 };
}
