// A JSON value pretty-printed with its tokens coloured (keys, strings, numbers, literals), built as text
// nodes in spans.
import { h } from './dom.ts';

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

export function jsonBlock(value: unknown): HTMLElement {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const code = h('code', {});
  let cursor = 0;
  for (const match of text.matchAll(TOKEN)) {
    const at = match.index;
    if (at > cursor) code.append(text.slice(cursor, at));
    const [whole, string, colon, literal, number] = match;
    if (string !== undefined) {
      code.append(h('span', { class: colon ? 'json-key' : 'json-string' }, string));
      if (colon) code.append(colon);
    } else if (literal !== undefined) code.append(h('span', { class: 'json-literal' }, literal));
    else if (number !== undefined) code.append(h('span', { class: 'json-number' }, number));
    cursor = at + whole.length;
  }
  code.append(text.slice(cursor));
  return h('pre', { class: 'json', tabindex: 0, role: 'region', 'aria-label': 'JSON document' }, code);
}
