// What the cheap checker's findings mean for the skip-gate. jw2 owns this rule because it alone knows
// which languages it handles and how sure its checker is; jw1 orders the gate's stages and honours it.
import type { CheckResult } from './engine.ts';

export type CheckVerdict = 'already_clean' | 'unsupported_language' | null;

/** null means the text needs the model. */
export function checkVerdict(result: Pick<CheckResult, 'languageSupported' | 'needsCleaning'>): CheckVerdict {
  if (!result.languageSupported) return 'unsupported_language';
  if (!result.needsCleaning) return 'already_clean';
  return null;
}
