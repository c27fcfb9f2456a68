// The Clean tab: a text in, the cleaned text out with every edit marked, streamed sentence by sentence
// when the gateway streams.
import { authorizationHeaders } from './api-key.ts';
import { callGateway, type CallResult } from './api.ts';
import { commonFacts, factList, type Fact } from './details.ts';
import { byId, h, replaceChildren } from './dom.ts';
import { wireRunControls } from './run-controls.ts';
import { CLEAN_EXAMPLES } from './examples.ts';
import type { Edit, Range } from './marks.ts';
import { editList, flagList, markedText } from './render-marks.ts';
import type { CleanResult } from './types.ts';

const SKIP_REASONS: Record<string, string> = {
  empty: 'Skipped: the text is empty',
  trivial: 'Skipped: nothing to correct in so short a text',
  unsupported_language: 'Skipped: the language is not supported',
  cache_hit: 'Answered from the cache',
  already_clean: 'Skipped: the text is already clean',
};

function isFinal(data: Record<string, unknown>): boolean {
  return typeof data.cleanedText === 'string' && typeof data.skipped === 'boolean';
}

/** A streamed sentence: its range in the whole text and its edits (offsets into the whole text). */
function sentenceOf(data: Record<string, unknown>): { range?: Range; edits: Edit[] } {
  const source = (typeof data.sentence === 'object' && data.sentence !== null ? data.sentence : data) as Record<
    string,
    unknown
  >;
  const range =
    typeof source.start === 'number' && typeof source.end === 'number'
      ? { start: source.start, end: source.end }
      : undefined;
  const edits = Array.isArray(source.edits)
    ? (source.edits as Edit[])
    : Array.isArray(data.edits)
      ? (data.edits as Edit[])
      : [];
  return range ? { range, edits } : { edits };
}

function notices(result: CleanResult): HTMLElement[] {
  const list: HTMLElement[] = [];
  if (result.degraded)
    list.push(
      h('p', { class: 'notice warning' }, 'Degraded: the cleaner was unavailable, so the text came back unchanged.'),
    );
  if (result.guardFallback)
    list.push(
      h(
        'p',
        { class: 'notice warning' },
        `A guard kept the original text${result.guardReason ? `: ${result.guardReason}` : '.'}`,
      ),
    );
  for (const failure of result.failedSentences ?? [])
    list.push(
      h(
        'p',
        { class: 'notice warning' },
        `Characters ${failure.start}–${failure.end} came back unchanged (${failure.error.code}: ${failure.error.message}).`,
      ),
    );
  return list;
}

function headline(result: CleanResult): string {
  if (result.skipped) return SKIP_REASONS[result.skipReason ?? ''] ?? `Skipped (${result.skipReason})`;
  if (result.edits.length === 0) return 'No corrections needed';
  return `${result.edits.length} ${result.edits.length === 1 ? 'correction' : 'corrections'}`;
}

export function setupCleanTab(): void {
  const form = byId<HTMLFormElement>('clean-form');
  const textarea = byId<HTMLTextAreaElement>('clean-text');
  const counter = byId('clean-count');
  const submit = byId<HTMLButtonElement>('clean-submit');
  const cancel = byId<HTMLButtonElement>('clean-cancel');
  const output = byId('clean-output');
  const details = byId('clean-details');
  const errorSlot = byId('clean-error');
  const showChanges = byId<HTMLButtonElement>('view-changes');
  const showClean = byId<HTMLButtonElement>('view-clean');
  const copy = byId<HTMLButtonElement>('copy-clean');
  const examples = byId<HTMLSelectElement>('clean-example');

  let last: { text: string; call: CallResult<CleanResult> } | undefined;
  let view: 'changes' | 'clean' = 'changes';

  const count = () => {
    counter.textContent = `${textarea.value.length} ${textarea.value.length === 1 ? 'character' : 'characters'}`;
  };
  for (const [index, example] of CLEAN_EXAMPLES.entries())
    examples.append(h('option', { value: String(index) }, example.label));
  examples.addEventListener('change', () => {
    const example = CLEAN_EXAMPLES[Number(examples.value)];
    if (examples.value === '' || !example) return;
    textarea.value = example.text;
    count();
    examples.value = '';
    textarea.focus();
  });
  textarea.addEventListener('input', count);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const busy = (on: boolean) => {
    output.setAttribute('aria-busy', String(on));
    submit.textContent = on ? 'Cleaning…' : 'Clean text';
    cancel.hidden = !on;
  };

  const render = () => {
    if (!last) return;
    const { text, call } = last;
    const result = call.value;
    const body =
      view === 'changes'
        ? markedText(text, result.edits, 'clean')
        : h('p', { class: 'clean-text', 'data-view': 'clean' }, result.cleanedText);
    replaceChildren(
      output,
      h('p', { class: 'headline', 'data-skipped': result.skipped }, headline(result)),
      ...notices(result),
      body,
    );
    const facts: Fact[] = [
      ['Skip reason', result.skipped ? (result.skipReason ?? 'unknown') : 'none (cleaned by the agent)', 'skip-reason'],
      ...commonFacts(result.engine, result.timings, result.usage, call),
    ];
    if (result.verifiedClean) facts.push(['Checked', 'the cheap checker found nothing to correct', 'verified']);
    const flags = result.flags ?? [];
    replaceChildren(
      details,
      factList(facts),
      result.edits.length > 0 ? editList(result.edits) : null,
      flags.length > 0 ? flagList(text, flags) : null,
    );
    copy.disabled = false;
  };

  const setView = (next: 'changes' | 'clean') => {
    view = next;
    showChanges.setAttribute('aria-pressed', String(next === 'changes'));
    showClean.setAttribute('aria-pressed', String(next === 'clean'));
    render();
  };
  showChanges.addEventListener('click', () => setView('changes'));
  showClean.addEventListener('click', () => setView('clean'));
  copy.addEventListener('click', async () => {
    if (!last) return;
    try {
      await navigator.clipboard.writeText(last.call.value.cleanedText);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Copy failed';
    }
    setTimeout(() => {
      copy.textContent = 'Copy';
    }, 1500);
  });

  wireRunControls(
    { form, submit, cancel, output, errorSlot, busy },
    {
      prepare: () => {
        const text = textarea.value;
        const done: Range[] = [];
        const edits: Edit[] = [];
        return async (signal) => {
          const call = await callGateway<CleanResult>(
            'v1/clean',
            { text },
            {
              signal,
              headers: authorizationHeaders(),
              isFinal,
              onPartial: (data) => {
                const sentence = sentenceOf(data);
                if (sentence.range) done.push(sentence.range);
                edits.push(...sentence.edits);
                replaceChildren(
                  output,
                  h(
                    'p',
                    { class: 'headline' },
                    `Cleaning… ${done.length} ${done.length === 1 ? 'sentence' : 'sentences'} done`,
                  ),
                  markedText(text, edits, 'clean', done),
                );
              },
            },
          );
          last = { text, call };
          render();
        };
      },
      failed: () => {
        // The last result belongs to another text: do not leave it under the error.
        last = undefined;
        copy.disabled = true;
        replaceChildren(output, h('p', { class: 'empty' }, 'No result for this text.'));
        replaceChildren(details);
      },
    },
  );
  count();
}
