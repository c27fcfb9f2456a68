// The Describe tab: a named task or the user's own JSON Schema; the document streams in as JSON text when
// the gateway streams, then shows validated.
import { authorizationHeaders } from './api-key.ts';
import { type CallResult, callGateway } from './api.ts';
import { commonFacts, factList, type Fact } from './details.ts';
import { byId, h, replaceChildren } from './dom.ts';
import { wireRunControls } from './run-controls.ts';
import { DESCRIBE_EXAMPLE, SCHEMA_EXAMPLE } from './examples.ts';
import { jsonBlock } from './json-view.ts';
import type { DescribeResult } from './types.ts';

function isFinal(data: Record<string, unknown>): boolean {
  return typeof data.schemaValid === 'boolean' && 'json' in data;
}

/** The JSON text generated so far, from a streamed event: a delta to append or the whole text so far. */
function partialText(data: Record<string, unknown>, sofar: string): string {
  for (const field of ['jsonDelta', 'delta'] as const) {
    if (typeof data[field] === 'string') return sofar + data[field];
  }
  for (const field of ['text', 'partial', 'json'] as const) {
    if (typeof data[field] === 'string') return data[field];
  }
  return sofar;
}

export function setupDescribeTab(): void {
  const form = byId<HTMLFormElement>('describe-form');
  const textarea = byId<HTMLTextAreaElement>('describe-text');
  const schemaFields = byId('schema-fields');
  const schemaInput = byId<HTMLTextAreaElement>('describe-schema');
  const schemaProblem = byId('schema-problem');
  const instructions = byId<HTMLInputElement>('describe-instructions');
  const submit = byId<HTMLButtonElement>('describe-submit');
  const cancel = byId<HTMLButtonElement>('describe-cancel');
  const output = byId('describe-output');
  const details = byId('describe-details');
  const verdict = byId('describe-verdict');
  const errorSlot = byId('describe-error');

  textarea.value = DESCRIBE_EXAMPLE;
  schemaInput.value = SCHEMA_EXAMPLE;
  const task = () => (form.elements.namedItem('task') as RadioNodeList).value;
  const syncTask = () => {
    schemaFields.hidden = task() !== 'custom';
  };
  form.addEventListener('change', syncTask);
  syncTask();
  for (const input of [textarea, schemaInput]) {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  const busy = (on: boolean) => {
    output.setAttribute('aria-busy', String(on));
    submit.textContent = on ? 'Describing…' : 'Describe';
    cancel.hidden = !on;
  };

  /** The request body, or undefined (with the problem shown) when the schema is not JSON. */
  const requestBody = (): Record<string, unknown> | undefined => {
    schemaProblem.textContent = '';
    schemaInput.removeAttribute('aria-invalid');
    if (task() !== 'custom') return { text: textarea.value, task: task() };
    let schema: unknown;
    try {
      schema = JSON.parse(schemaInput.value);
    } catch (error) {
      schemaProblem.textContent = `The schema is not valid JSON: ${(error as Error).message}`;
      schemaInput.setAttribute('aria-invalid', 'true');
      schemaInput.focus();
      return undefined;
    }
    return { text: textarea.value, schema, ...(instructions.value.trim() ? { instructions: instructions.value } : {}) };
  };

  const showDocument = (call: CallResult<DescribeResult>) => {
    const result = call.value;
    verdict.className = `verdict ${result.schemaValid ? 'valid' : 'invalid'}`;
    verdict.textContent = result.schemaValid
      ? 'Valid against the schema'
      : `Not valid: ${result.schemaErrors.length} ${result.schemaErrors.length === 1 ? 'problem' : 'problems'}`;
    replaceChildren(
      output,
      result.schemaErrors.length > 0
        ? h(
            'ul',
            { class: 'notice warning schema-errors' },
            ...result.schemaErrors.map((problem) => h('li', {}, problem)),
          )
        : null,
      jsonBlock(result.json),
    );
    const facts: Fact[] = [
      ['Task', result.task || 'custom schema', 'task'],
      ['Decoding', result.constrained ? 'constrained by the schema' : 'unconstrained, validated after', 'decoding'],
    ];
    if (result.unfilledFields.length > 0)
      facts.push(['Filled by default', result.unfilledFields.join(', '), 'unfilled']);
    facts.push(...commonFacts(result.engine, result.timings, result.usage, call));
    replaceChildren(details, factList(facts));
  };

  wireRunControls(
    { form, submit, cancel, output, errorSlot, busy },
    {
      prepare: () => {
        const body = requestBody();
        if (!body) return undefined;
        return async (signal) => {
          let sofar = '';
          verdict.textContent = '';
          verdict.className = 'verdict';
          const call = await callGateway<DescribeResult>('v1/describe', body, {
            signal,
            headers: authorizationHeaders(),
            isFinal,
            onPartial: (data) => {
              sofar = partialText(data, sofar);
              replaceChildren(
                output,
                h('pre', { class: 'json streaming' }, h('code', {}, sofar), h('span', { class: 'caret' })),
              );
            },
          });
          showDocument(call);
        };
      },
      failed: () => {
        replaceChildren(output, h('p', { class: 'empty' }, 'No document for this text.'));
        replaceChildren(details);
      },
    },
  );
}
