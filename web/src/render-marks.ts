// The marks view: the original text with each edit shown in place (removed text struck through, new text
// highlighted), its kind and message in a tooltip on hover and on keyboard focus, and a list of the edits.
import { h } from './dom.ts';
import { changeText, kindLabel, operationOf, segmentText, type Edit, type Range, type Segment } from './marks.ts';

function editMark(segment: Extract<Segment, { type: 'edit' }>, idPrefix: string): HTMLElement {
  const { edit, operation, index } = segment;
  const tipId = `${idPrefix}-tip-${index}`;
  const mark = h(
    'span',
    {
      class: `edit ${operation}`,
      tabindex: 0,
      'aria-describedby': tipId,
      'data-index': index,
      'data-kind': edit.kind,
      'data-operation': operation,
      'data-start': edit.start,
      'data-end': edit.end,
    },
    operation === 'insertion' ? null : h('del', {}, edit.original),
    operation === 'deletion' ? null : h('ins', {}, edit.replacement),
  );
  const tip = h(
    'span',
    { class: 'tip', role: 'tooltip', id: tipId },
    h('strong', { class: 'tip-kind' }, kindLabel(edit.kind)),
    h('span', { class: 'tip-change' }, ` ${changeText(edit)}`),
    edit.message ? h('span', { class: 'tip-message' }, ` ${edit.message}`) : null,
  );
  const wrap = h('span', { class: 'edit-wrap' }, mark, tip);
  // Escape hides the tooltip without moving focus (WCAG 1.4.13); leaving the mark brings it back.
  mark.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') wrap.classList.add('dismissed');
  });
  const restore = () => wrap.classList.remove('dismissed');
  mark.addEventListener('blur', restore);
  mark.addEventListener('mouseleave', restore);
  return wrap;
}

/** The marked text; `done` (while streaming) dims what is not cleaned yet. */
export function markedText(
  text: string,
  edits: readonly Edit[],
  idPrefix: string,
  done?: readonly Range[],
): HTMLElement {
  const block = h('p', { class: 'marked-text', 'data-view': 'changes' });
  for (const segment of segmentText(text, edits, done)) {
    if (segment.type === 'text') {
      block.append(segment.pending ? h('span', { class: 'pending' }, segment.text) : segment.text);
    } else block.append(editMark(segment, idPrefix));
  }
  return block;
}

export function editList(edits: readonly Edit[]): HTMLElement {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return h(
    'details',
    { class: 'edit-list', open: true },
    h('summary', {}, `${edits.length} ${edits.length === 1 ? 'edit' : 'edits'}`),
    h(
      'ol',
      {},
      ...sorted.map((edit) => {
        const operation = operationOf(edit);
        return h(
          'li',
          { 'data-operation': operation },
          h('span', { class: `kind-chip ${operation}` }, kindLabel(edit.kind)),
          h(
            'span',
            { class: 'change' },
            operation === 'insertion' ? null : h('del', {}, edit.original),
            operation === 'replacement' ? h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → ') : null,
            operation === 'replacement' ? h('span', { class: 'visually-hidden' }, ' becomes ') : null,
            operation === 'deletion' ? null : h('ins', {}, edit.replacement),
          ),
          edit.message ? h('span', { class: 'message' }, edit.message) : null,
        );
      }),
    ),
  );
}

/** Spans the cleaner left unchanged but found doubtful, quoted from the original text. */
export function flagList(
  text: string,
  flags: readonly { start: number; end: number; kind: string; message: string }[],
): HTMLElement {
  return h(
    'details',
    { class: 'edit-list flag-list' },
    h('summary', {}, `${flags.length} left unchanged but doubtful`),
    h(
      'ol',
      {},
      ...[...flags]
        .sort((a, b) => a.start - b.start)
        .map((flag) =>
          h(
            'li',
            {},
            h('span', { class: 'kind-chip' }, kindLabel(flag.kind)),
            h('q', { class: 'flagged' }, text.slice(flag.start, flag.end)),
            flag.message ? h('span', { class: 'message' }, flag.message) : null,
          ),
        ),
    ),
  );
}
