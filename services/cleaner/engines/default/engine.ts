// jw2's embedded default cleaner: deterministic rules plus a Hunspell dictionary, no model weights.
// Minimal edit: every rule changes a span only when the fix is certain; unknown words without a
// confident candidate and texts not in English are left alone.
import type { CheckResult, CleanerEngine, CleanOptions, CleanResult, EngineInfo } from '../../engine.ts';
import { MprError } from '../../../../lib/errors.ts';
import { spellDictionary } from './dictionary.ts';
import { detectLanguage, type LanguageGuess } from './language.ts';
import { SegmentedText } from './segments.ts';
import { fixPunctuationSpacing, normalizeUnicode, normalizeWhitespace } from './text-rules.ts';
import {
  fixArticles,
  fixCapitalization,
  fixCertainErrors,
  fixSpelling,
  fixThirdPersonAgreement,
  removeRepeatedWords,
} from './word-rules.ts';

export const DEFAULT_ENGINE_INFO: EngineInfo = Object.freeze({
  kind: 'default',
  id: 'jw2-rules',
  version: '1.0.0',
  executionProvider: '',
});

/** Whitespace-separated words: the default engine has no model tokenizer, so usage counts words. */
function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

export class DefaultCleanerEngine implements CleanerEngine {
  readonly info: EngineInfo = DEFAULT_ENGINE_INFO;

  /** Loads the dictionary now instead of on the first request (about 0.2 s). */
  async warmup(): Promise<void> {
    spellDictionary();
  }

  async clean(text: string, options: CleanOptions = {}): Promise<CleanResult> {
    if (options.signal?.aborted) throw new MprError('cancelled', 'request was cancelled');
    const doc = this.run(text, options.language);
    const cleanedText = doc.text();
    return {
      cleanedText,
      edits: doc.edits(),
      usage: { inputTokens: countWords(text), outputTokens: countWords(cleanedText) },
    };
  }

  check(text: string, language?: string): CheckResult {
    const guess = this.language(text, language);
    const issues = guess.supported ? this.run(text, language, guess).edits() : [];
    return { language: guess.language, languageSupported: guess.supported, needsCleaning: issues.length > 0, issues };
  }

  private language(text: string, requested: string | undefined): LanguageGuess {
    if (requested !== undefined && requested !== '') {
      const english = /^en(?:[-_]|$)/i.test(requested);
      return { language: requested, supported: english };
    }
    return detectLanguage(text, spellDictionary());
  }

  private run(text: string, requested: string | undefined, known?: LanguageGuess): SegmentedText {
    const doc = new SegmentedText(text);
    const guess = known ?? this.language(text, requested);
    if (!guess.supported) return doc;
    normalizeUnicode(doc);
    normalizeWhitespace(doc);
    fixCertainErrors(doc);
    fixSpelling(doc, spellDictionary());
    removeRepeatedWords(doc);
    fixThirdPersonAgreement(doc);
    fixArticles(doc);
    fixCapitalization(doc);
    fixPunctuationSpacing(doc);
    return doc;
  }
}
