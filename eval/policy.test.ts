import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEvalCommand } from '../cli/commands/eval.ts';
import { MprError } from '../lib/errors.ts';
import { EngineJsonSystem } from './json-system.ts';
import type { MetricsFile } from './metrics-file.ts';
import { checkPolicy, evaluateRule } from './policy-check.ts';
import { loadPolicy, parsePolicy, PolicyError } from './policy-file.ts';
import { evaluateJson } from './eval-json.ts';
import { readJsonItems } from './json-dataset.ts';
import { silentProgress } from './progress.ts';
import { createDefaultDescriberEngine } from '../services/describer/engines/default/index.ts';
import { getTask } from '../services/describer/tasks/index.ts';

const DECISION_POLICY = `
name: refunds
rules:
  - name: refund-over-500-escalated
    description: A refund over 500 is never approved without escalation.
    when: item.meta.category = "refund" and item.meta.amount > 500
    must: output.decision != "approve" or output.escalation_required = true
  - name: response-unless-escalated
    when: output.escalation_required = false
    must: $exists(output.customer_response) and $length($trim(output.customer_response)) > 0
  - name: scores-within-1-5
    must: $count(output.*.score[$ < 1 or $ > 5]) = 0
`;

const refund = (amount: number) => ({ input: `refund ${amount}`, meta: { category: 'refund', amount } });

describe('policy rules', () => {
  let rules: Awaited<ReturnType<typeof parsePolicy>>['rules'];
  beforeAll(async () => {
    rules = (await parsePolicy(DECISION_POLICY, 'inline.yaml')).rules;
  });

  it('passes, violates or does not apply, per item', async () => {
    const [bigRefund, response, scores] = rules as [(typeof rules)[0], (typeof rules)[0], (typeof rules)[0]];
    const approved = { decision: 'approve', escalation_required: false, customer_response: 'Done.' };
    expect(await evaluateRule(bigRefund, { item: refund(620), output: approved })).toBe('violation');
    expect(
      await evaluateRule(bigRefund, { item: refund(620), output: { ...approved, escalation_required: true } }),
    ).toBe('pass');
    expect(await evaluateRule(bigRefund, { item: refund(620), output: { ...approved, decision: 'escalate' } })).toBe(
      'pass',
    );
    expect(await evaluateRule(bigRefund, { item: refund(500), output: approved })).toBe('not_applicable');
    expect(await evaluateRule(bigRefund, { item: { input: 'no meta' }, output: approved })).toBe('not_applicable');

    expect(await evaluateRule(response, { item: refund(1), output: approved })).toBe('pass');
    expect(await evaluateRule(response, { item: refund(1), output: { ...approved, customer_response: '  ' } })).toBe(
      'violation',
    );
    expect(
      await evaluateRule(response, { item: refund(1), output: { decision: 'deny', escalation_required: false } }),
    ).toBe('violation');
    expect(await evaluateRule(response, { item: refund(1), output: { escalation_required: true } })).toBe(
      'not_applicable',
    );

    expect(await evaluateRule(scores, { item: refund(1), output: { a: { score: 1 }, b: { score: 5 } } })).toBe('pass');
    expect(await evaluateRule(scores, { item: refund(1), output: { a: { score: 0 }, b: { score: 5 } } })).toBe(
      'violation',
    );
    expect(await evaluateRule(scores, { item: refund(1), output: { a: { score: 6 } } })).toBe('violation');
  });

  it('counts outcomes per rule, compliance per item, and keeps the first violating items', async () => {
    const policy = await parsePolicy(DECISION_POLICY, 'inline.yaml');
    const good = { decision: 'approve', escalation_required: false, customer_response: 'Refunded.' };
    const check = await checkPolicy(policy, [
      { item: refund(620), output: good }, // 1: big refund approved without escalation
      { item: refund(40), output: good }, // 2: complies
      { item: refund(40), output: undefined }, // 3: no JSON, not checked
      { item: refund(900), output: { ...good, customer_response: '', clarity: { score: 9 } } }, // 4: three rules broken
      { item: refund(700), output: { decision: 'escalate', escalation_required: true } }, // 5: complies
    ]);
    expect(check.metrics).toMatchObject({
      checkedItems: 4,
      uncheckedItems: 1,
      compliantItems: 2,
      complianceRate: 0.5,
      nonCompliantItems: 2,
      violations: 4,
      errors: 0,
    });
    expect(check.metrics.rules['refund-over-500-escalated']).toEqual({
      applicable: 3,
      passed: 1,
      violations: 2,
      errors: 0,
      complianceRate: 1 / 3,
    });
    expect(check.metrics.rules['response-unless-escalated']).toMatchObject({ applicable: 3, violations: 1 });
    expect(check.metrics.rules['scores-within-1-5']).toMatchObject({ applicable: 4, violations: 1 });
    expect(check.findings.map((finding) => [finding.rule, finding.item])).toEqual([
      ['refund-over-500-escalated', 1],
      ['refund-over-500-escalated', 4],
      ['response-unless-escalated', 4],
      ['scores-within-1-5', 4],
    ]);
  });

  it('records an expression that fails on an item as a rule error, not a crash', async () => {
    const policy = await parsePolicy('rules:\n  - name: amount-positive\n    must: output.amount > 0\n', 'p.yaml');
    const check = await checkPolicy(policy, [
      { item: { input: 'a' }, output: { amount: 'twelve' } },
      { item: { input: 'b' }, output: { amount: 12 } },
    ]);
    expect(check.metrics).toMatchObject({ compliantItems: 1, errors: 1, violations: 0 });
    expect(check.findings[0]).toMatchObject({ rule: 'amount-positive', item: 1, outcome: 'error' });
    expect(check.findings[0]!.detail).toMatch(/same data type/);
  });
});

describe('policies shipped in eval/data', () => {
  it('hold for the expected answers of their sets, and catch an approve-everything answer', async () => {
    const policy = await loadPolicy('eval/data/decision-seed.policy.yaml');
    const items = await readJsonItems('eval/data/decision-seed.jsonl');
    expect(items).toHaveLength(80);
    const filler = { reason: 'The message names the order and the fault.', customer_response: 'Thank you.' };
    const labelled = await checkPolicy(
      policy,
      items.map((item) => ({ item, output: { ...(item.expected as object), ...filler, next_action: 'n' } })),
    );
    expect(labelled.metrics).toMatchObject({ checkedItems: 80, complianceRate: 1, errors: 0 });
    for (const [name, rule] of Object.entries(labelled.metrics.rules))
      expect(rule.applicable, `rule ${name} applies somewhere`).toBeGreaterThan(0);
    const approveAll = await checkPolicy(
      policy,
      items.map((item) => ({ item, output: { decision: 'approve', escalation_required: false, ...filler } })),
    );
    expect(approveAll.metrics.rules['refund-over-500-escalated']!.violations).toBe(9);
    expect(approveAll.metrics.rules['legal-and-safety-escalated']!.violations).toBeGreaterThan(0);

    const traits = await loadPolicy('eval/data/traits.policy.yaml');
    const traitItems = await readJsonItems('eval/data/traits.jsonl');
    const explained = (expected: unknown) =>
      Object.fromEntries(
        Object.entries(expected as Record<string, { score: number }>).map(([trait, value]) => [
          trait,
          { ...value, explanation: 'because' },
        ]),
      );
    const traitCheck = await checkPolicy(
      traits,
      traitItems.map((item) => ({ item, output: explained(item.expected) })),
    );
    expect(traitCheck.metrics).toMatchObject({ complianceRate: 1, checkedItems: traitItems.length });
  });
});

describe('policy files that cannot be used', () => {
  const fails = async (text: string): Promise<PolicyError> => {
    const error = await parsePolicy(text, 'bad.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toBeInstanceOf(MprError);
    expect((error as PolicyError).code).toBe('invalid_argument');
    return error as PolicyError;
  };

  it('rejects YAML that does not parse', async () => {
    const error = await fails('rules:\n  - name: a\n    must: "unclosed\n');
    expect(error.message).toMatch(/^policy bad.yaml: not valid YAML/);
  });

  it('rejects a bad shape with the schema path', async () => {
    expect((await fails('rules: []\n')).message).toMatch(/bad shape: \/rules must NOT have fewer than 1 items/);
    expect((await fails('rules:\n  - name: a\n')).message).toMatch(/must have required property 'must'/);
    expect((await fails('rules:\n  - name: a\n    must: "true"\n    then: x\n')).message).toMatch(
      /must NOT have additional properties/,
    );
    expect((await fails('rules:\n  - name: has.dot\n    must: "true"\n')).message).toMatch(/\/rules\/0\/name/);
    expect((await fails('- just a list\n')).message).toMatch(/bad shape: \/ must be object/);
    const twice = await fails('rules:\n  - name: a\n    must: "true"\n  - name: a\n    must: "false"\n');
    expect(twice.rule).toBe('a');
  });

  it('rejects an unknown operator, an unknown function and a path outside item and output', async () => {
    const operator = await fails('rules:\n  - name: strict-eq\n    must: output.decision === "deny"\n');
    expect(operator).toMatchObject({ rule: 'strict-eq', field: 'must' });
    expect(operator.message).toMatch(/invalid expression at character \d+: S0\d+: /);
    const fn = await fails('rules:\n  - name: f\n    when: $isApproved(output)\n    must: "true"\n');
    expect(fn).toMatchObject({ rule: 'f', field: 'when' });
    expect(fn.message).toContain('unknown function $isApproved');
    const root = await fails('rules:\n  - name: typo\n    must: ouput.decision = "deny"\n');
    expect(root.message).toContain('"ouput" is neither item nor output');
  });

  it('accepts functions the rule defines itself and relative paths inside filters', async () => {
    const policy = await parsePolicy(
      'rules:\n  - name: own-fn\n    must: ($ok := function($s){ $s >= 1 }; $ok(output.a.score) and $count(output.items[kind = "x"]) = 0)\n',
      'ok.yaml',
    );
    expect(await evaluateRule(policy.rules[0]!, { item: { input: '' }, output: { a: { score: 2 }, items: [] } })).toBe(
      'pass',
    );
  });

  it('names a missing file', async () => {
    await expect(loadPolicy('/nonexistent/policy.yaml')).rejects.toThrow(
      /policy \/nonexistent\/policy.yaml: cannot read/,
    );
  });
});

describe('eval json --policy', () => {
  let dir: string;
  let server: Server;
  let requests = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mpr-policy-'));
    server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"json":{}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('fails on a broken policy before any item is sent', async () => {
    const policy = path.join(dir, 'broken.yaml');
    await writeFile(policy, 'rules:\n  - name: r\n    must: output.x ==== 1\n');
    const program = new Command('mpr');
    registerEvalCommand(program);
    const report = path.join(dir, 'broken.md');
    const run = program.parseAsync(
      [
        'eval',
        'json',
        '--data',
        'eval/data/decision-seed.jsonl',
        '--task',
        'decision',
        '--target',
        `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        '--policy',
        policy,
        '--report',
        report,
        '--json',
        path.join(dir, 'broken.json'),
      ],
      { from: 'user' },
    );
    await expect(run).rejects.toBeInstanceOf(PolicyError);
    expect(requests).toBe(0);
    await expect(stat(report)).rejects.toThrow(/ENOENT/);
  });

  it('writes compliance, per-rule violations and the first violating items into the metrics and report', async () => {
    const system = new EngineJsonSystem(createDefaultDescriberEngine());
    const task = getTask('decision');
    const json = path.join(dir, 'seed.json');
    const report = path.join(dir, 'seed.md');
    // The embedded engine escalates these messages; this rule makes each escalation a violation.
    const policyFile = path.join(dir, 'never-escalate.yaml');
    await writeFile(
      policyFile,
      'name: never-escalate\nrules:\n  - name: no-escalation\n    description: Nothing goes to a person.\n    must: output.escalation_required = false\n',
    );
    const file: MetricsFile = await evaluateJson({
      data: 'eval/data/decision-seed.jsonl',
      limit: 12,
      task: { name: task.name, schema: task.schema, instructions: task.instructions },
      system,
      policy: await loadPolicy(policyFile),
      report,
      json,
      progress: () => silentProgress,
    });
    await system.close();
    const metrics = file.metrics as { policy: { violations: number; complianceRate: number; checkedItems: number } };
    const escalated = file.answers!.filter(
      (answer) => (answer.document as { escalation_required?: boolean }).escalation_required === true,
    ).length;
    expect(escalated).toBeGreaterThan(0);
    expect(metrics.policy).toMatchObject({ checkedItems: 12, violations: escalated });
    expect(metrics.policy.complianceRate).toBeCloseTo((12 - escalated) / 12);
    expect(file.policy).toMatchObject({ name: 'never-escalate', file: policyFile });
    expect(file.policy!.findings.length).toBe(Math.min(5, escalated));
    const text = await readFile(report, 'utf8');
    expect(text).toContain('## Policy `never-escalate`');
    expect(text).toContain(`| no-escalation | Nothing goes to a person. | 12 | ${escalated} | 0 |`);
    expect(text).toContain('### First violating items');
    const written = JSON.parse(await readFile(json, 'utf8')) as MetricsFile;
    expect(written.answers).toHaveLength(12);
    expect((written.metrics as { policy: unknown }).policy).toEqual(metrics.policy);
  });
});
