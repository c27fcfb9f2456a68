// Policy files for `mpr eval json --policy`: named rules over each input item and the output document,
// written as JSONata expressions in YAML. Everything that can be wrong with a policy (YAML, shape,
// expression syntax, unknown functions, misspelled roots) is found here, before any item runs.
//
//   name: decision-seed
//   rules:
//     - name: refund-over-500-escalated
//       description: A refund over 500 is never approved without escalation.
//       when: item.meta.category = "refund" and item.meta.amount > 500   # optional: where the rule applies
//       must: output.decision != "approve" or output.escalation_required = true
//
// Expressions see `item` (the JSONL line: input, expected, meta) and `output` (the parsed answer).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import jsonata from 'jsonata';
import { parse as parseYaml } from 'yaml';
import { errorMessage, MprError } from '../lib/errors.ts';

export type RuleField = 'when' | 'must';

/** A policy that cannot be used; `rule` and `field` say where, when the fault is inside one rule. */
export class PolicyError extends MprError {
  readonly source: string;
  readonly rule: string | undefined;
  readonly field: RuleField | undefined;

  constructor(source: string, message: string, where: { rule?: string; field?: RuleField; cause?: unknown } = {}) {
    const at = where.rule ? ` rule "${where.rule}"${where.field ? ` ${where.field}` : ''}:` : '';
    super('invalid_argument', `policy ${source}:${at} ${message}`, { cause: where.cause });
    this.name = 'PolicyError';
    this.source = source;
    this.rule = where.rule;
    this.field = where.field;
  }
}

export interface PolicyRule {
  name: string;
  description: string;
  when: jsonata.Expression | undefined;
  must: jsonata.Expression;
  /** The expressions as written, for reports. */
  text: { when?: string; must: string };
}

export interface Policy {
  name: string;
  source: string;
  /** sha256 of the file's text, so reports can tell whether two runs used the same rules. */
  sha256: string;
  rules: PolicyRule[];
}

interface PolicyDocument {
  name?: string;
  description?: string;
  rules: { name: string; description?: string; when?: string; must: string }[];
}

// Rule names become metric keys (`policy.rules.<name>.violations`), so they hold no dots or spaces.
const POLICY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string' },
    rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'must'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
          description: { type: 'string' },
          when: { type: 'string', minLength: 1 },
          must: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

const validateShape = new Ajv2020({ allErrors: true, strict: true, logger: false }).compile<PolicyDocument>(
  POLICY_SCHEMA,
);
const ROOTS = new Set(['item', 'output']);

export async function loadPolicy(file: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PolicyError(file, `cannot read the file: ${errorMessage(error)}`, { cause: error });
  }
  return parsePolicy(text, file);
}

export async function parsePolicy(text: string, source: string): Promise<Policy> {
  let document: unknown;
  try {
    document = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    throw new PolicyError(source, `not valid YAML: ${errorMessage(error)}`, { cause: error });
  }
  if (!validateShape(document)) {
    const problems = (validateShape.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    );
    throw new PolicyError(source, `bad shape: ${problems.join('; ')}`);
  }
  const seen = new Set<string>();
  const rules: PolicyRule[] = [];
  for (const rule of document.rules) {
    if (seen.has(rule.name)) throw new PolicyError(source, 'the name is used by another rule', { rule: rule.name });
    seen.add(rule.name);
    rules.push({
      name: rule.name,
      description: rule.description ?? '',
      when: rule.when === undefined ? undefined : await compile(source, rule.name, 'when', rule.when),
      must: await compile(source, rule.name, 'must', rule.must),
      text: { ...(rule.when === undefined ? {} : { when: rule.when }), must: rule.must },
    });
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { name: document.name ?? source, source, sha256, rules };
}

async function compile(source: string, rule: string, field: RuleField, text: string): Promise<jsonata.Expression> {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text);
  } catch (error) {
    const { position } = error as { position?: number };
    const at = position === undefined ? '' : ` at character ${position}`;
    throw new PolicyError(source, `invalid expression${at}: ${expressionErrorMessage(error)}`, {
      rule,
      field,
      cause: error,
    });
  }
  const names = collectNames(expression.ast());
  for (const name of names.called) {
    if (!names.bound.has(name) && !(await isBuiltinFunction(name)))
      throw new PolicyError(source, `unknown function $${name}`, { rule, field });
  }
  for (const root of names.roots) {
    if (!ROOTS.has(root))
      throw new PolicyError(source, `"${root}" is neither item nor output (paths start at item.… or output.…)`, {
        rule,
        field,
      });
  }
  return expression;
}

/** JSONata throws plain objects ({code, message, position}), not Errors. */
export function expressionErrorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    const { code, message } = error as { code?: unknown; message: string };
    return typeof code === 'string' ? `${code}: ${message}` : message;
  }
  return errorMessage(error);
}

async function isBuiltinFunction(name: string): Promise<boolean> {
  if (!/^\w+$/.test(name)) return false;
  return (await jsonata(`$type($${name})`).evaluate({})) === 'function';
}

interface Names {
  /** Functions called by name. */
  called: Set<string>;
  /** Variables the expression binds itself ($x := ..., lambda parameters). */
  bound: Set<string>;
  /** First steps of paths evaluated against the rule's input (not inside filters or lambdas). */
  roots: Set<string>;
}

// Walks JSONata's syntax tree. Paths start at the input only at the top: steps after the first, filter
// stages, blocks inside a path and lambda bodies are relative to a context the expression chose.
function collectNames(ast: jsonata.ExprNode): Names {
  const names: Names = { called: new Set(), bound: new Set(), roots: new Set() };
  const visit = (node: unknown, topLevel: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, topLevel);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown> & { type?: string; value?: unknown };
    const procedure = record.procedure as { type?: string; value?: unknown } | undefined;
    if ((record.type === 'function' || record.type === 'partial') && procedure?.type === 'variable')
      names.called.add(String(procedure.value));
    if (record.type === 'bind') names.bound.add(String((record.lhs as { value?: unknown }).value));
    if (record.type === 'lambda') {
      for (const argument of record.arguments as { value?: unknown }[]) names.bound.add(String(argument.value));
      visit(record.body, false);
      return;
    }
    if (record.type === 'name' && topLevel) names.roots.add(String(record.value));
    if (record.type === 'path') {
      const steps = record.steps as unknown[];
      steps.forEach((step, index) => {
        visit(step, topLevel && index === 0);
      });
      return;
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === 'stages' || key === 'predicate' || key === 'group') visit(child, false);
      else if (typeof child === 'object') visit(child, topLevel);
    }
  };
  visit(ast, true);
  return names;
}
