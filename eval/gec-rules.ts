// Which rule of a rule-based cleaner earns its place: for every rule named on the answers' edits, the
// sentences it fired on, and on how many of them its own edits alone made the sentence better or worse
// than the source (sentence-level GLEU against the references), with the worst examples. A rule that
// makes more sentences worse than better is a candidate for removal.
import { referencesOf, type GecDataset } from './gec-dataset.ts';
import { sentenceGleu } from './gleu.ts';
import { tokenize } from './ptb-tokenize.ts';
import type { RuleEdit } from './gec-system.ts';
import type { GecItemResult } from './run-gec.ts';

export interface RuleExample {
  /** 1-based line of the data set. */
  line: number;
  input: string;
  /** The input with this rule's edits only. */
  output: string;
  /** Sentence GLEU of `output` minus that of the input (x 100). */
  change: number;
}

export interface RuleRow {
  rule: string;
  /** Sentences it edited. */
  fired: number;
  edits: number;
  better: number;
  worse: number;
  same: number;
  /** The sentences it made worse, worst first (a few). */
  worst: RuleExample[];
}

const WORST_KEPT = 3;
const EPSILON = 1e-9;

/** `text` with the edits applied (non-overlapping, offsets into `text`). */
export function applyRuleEdits(text: string, edits: readonly RuleEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

export function ruleReport(dataset: GecDataset, results: readonly GecItemResult[]): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  results.forEach((result, index) => {
    if (result.error !== undefined || result.edits.length === 0) return;
    const source = dataset.sources[index]!;
    const references = referencesOf(dataset, index);
    const byRule = new Map<string, RuleEdit[]>();
    for (const edit of result.edits) byRule.set(edit.rule, [...(byRule.get(edit.rule) ?? []), edit]);
    const baseline = sentenceGleu(source, tokenize(result.input), references);
    for (const [rule, edits] of byRule) {
      let row = rows.get(rule);
      if (row === undefined) {
        row = { rule, fired: 0, edits: 0, better: 0, worse: 0, same: 0, worst: [] };
        rows.set(rule, row);
      }
      row.fired++;
      row.edits += edits.length;
      const output = applyRuleEdits(result.input, edits);
      const change = sentenceGleu(source, tokenize(output), references) - baseline;
      if (change > EPSILON) row.better++;
      else if (change < -EPSILON) {
        row.worse++;
        row.worst.push({ line: index + 1, input: result.input, output, change });
        row.worst.sort((a, b) => a.change - b.change);
        row.worst.length = Math.min(row.worst.length, WORST_KEPT);
      } else row.same++;
    }
  });
  return [...rows.values()].sort((a, b) => b.fired - a.fired || a.rule.localeCompare(b.rule));
}
