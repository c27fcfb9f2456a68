// Checks each answered item against a policy. Per item and rule the outcome is one of:
//   not_applicable  the rule's `when` is not true for this item;
//   pass            `must` evaluates to true;
//   violation       `must` evaluates to anything else (false, a missing path, a string, ...);
//   error           an expression failed on this item (e.g. comparing a string with a number).
// Items without a JSON document are not checked: JSON validity is a metric of its own, and a rule about
// output fields says nothing about an answer that has none. An item complies when none of its rules
// was violated or failed.
import { expressionErrorMessage, type Policy, type PolicyRule } from './policy-file.ts';

export type RuleOutcome = 'not_applicable' | 'pass' | 'violation' | 'error';

export interface PolicyCase {
  item: { input: string; expected?: unknown; meta?: unknown };
  /** The parsed answer; undefined when the system produced no JSON document. */
  output: unknown;
}

export interface RuleMetrics {
  applicable: number;
  passed: number;
  violations: number;
  errors: number;
  /** passed / applicable; absent when the rule applied to no item. */
  complianceRate?: number;
}

export interface PolicyMetrics {
  checkedItems: number;
  uncheckedItems: number;
  compliantItems: number;
  /** compliantItems / checkedItems; absent when no item could be checked. */
  complianceRate?: number;
  /** Items with a violated or failed rule. */
  nonCompliantItems: number;
  violations: number;
  errors: number;
  rules: Record<string, RuleMetrics>;
}

export interface RuleFinding {
  rule: string;
  /** 1-based item number in the data file. */
  item: number;
  outcome: 'violation' | 'error';
  /** The evaluation error, for outcome "error". */
  detail?: string;
}

export interface PolicyCheck {
  metrics: PolicyMetrics;
  /** The first violating (or failing) items of each rule, in item order. */
  findings: RuleFinding[];
}

export const FINDINGS_PER_RULE = 5;

export async function evaluateRule(rule: PolicyRule, policyCase: PolicyCase): Promise<RuleOutcome> {
  const input = { item: policyCase.item, output: policyCase.output };
  if (rule.when !== undefined && (await rule.when.evaluate(input)) !== true) return 'not_applicable';
  return (await rule.must.evaluate(input)) === true ? 'pass' : 'violation';
}

export async function checkPolicy(policy: Policy, cases: readonly PolicyCase[]): Promise<PolicyCheck> {
  const rules: Record<string, RuleMetrics> = {};
  for (const rule of policy.rules) rules[rule.name] = { applicable: 0, passed: 0, violations: 0, errors: 0 };
  const findings: RuleFinding[] = [];
  let checkedItems = 0;
  let compliantItems = 0;
  for (const [index, policyCase] of cases.entries()) {
    if (typeof policyCase.output !== 'object' || policyCase.output === null) continue;
    checkedItems += 1;
    let complies = true;
    for (const rule of policy.rules) {
      const tally = rules[rule.name]!;
      let outcome: RuleOutcome;
      let detail: string | undefined;
      try {
        outcome = await evaluateRule(rule, policyCase);
      } catch (error) {
        outcome = 'error';
        detail = expressionErrorMessage(error);
      }
      if (outcome === 'not_applicable') continue;
      tally.applicable += 1;
      if (outcome === 'pass') {
        tally.passed += 1;
        continue;
      }
      complies = false;
      if (outcome === 'violation') tally.violations += 1;
      else tally.errors += 1;
      if (tally.violations + tally.errors <= FINDINGS_PER_RULE)
        findings.push({ rule: rule.name, item: index + 1, outcome, ...(detail === undefined ? {} : { detail }) });
    }
    if (complies) compliantItems += 1;
  }
  for (const tally of Object.values(rules))
    if (tally.applicable > 0) tally.complianceRate = tally.passed / tally.applicable;
  const all = Object.values(rules);
  const metrics: PolicyMetrics = {
    checkedItems,
    uncheckedItems: cases.length - checkedItems,
    compliantItems,
    ...(checkedItems > 0 ? { complianceRate: compliantItems / checkedItems } : {}),
    nonCompliantItems: checkedItems - compliantItems,
    violations: all.reduce((total, tally) => total + tally.violations, 0),
    errors: all.reduce((total, tally) => total + tally.errors, 0),
    rules,
  };
  return { metrics, findings };
}
