// The text the constraint would accept for a given JSON value: no whitespace, and object keys in the
// order the automaton takes them (declared properties in schema order, then undeclared keys), found by
// a small search over the keys still to write. Used to force-decode valid instances through a
// constraint (completeness: every valid document must be producible).
import { closingLength, isAccepting, stepBytes } from './automaton.ts';
import type { AutomatonState } from './automaton.ts';
import { ObjectFrame } from './frames/object-frame.ts';

const encoder = new TextEncoder();
/** Automaton steps the search may spend on one value before it gives up. */
const SEARCH_BUDGET = 20_000;

/** The accepted text of `value` from `state` (the state after it, with the text), or null if none. */
export function documentText(initial: AutomatonState, value: unknown): string | null {
  let budget = SEARCH_BUDGET;
  const feed = (state: AutomatonState, text: string): AutomatonState => {
    budget--;
    return stepBytes(state, encoder.encode(text));
  };
  const write = (state: AutomatonState, item: unknown): [AutomatonState, string][] => {
    if (budget <= 0 || state.length === 0) return [];
    if (Array.isArray(item)) {
      let partial: [AutomatonState, string][] = [[feed(state, '['), '[']];
      item.forEach((element, i) => {
        const next: [AutomatonState, string][] = [];
        for (const [at, text] of partial) {
          const before = i > 0 ? feed(at, ',') : at;
          for (const [after, written] of write(before, element))
            next.push([after, `${text}${i > 0 ? ',' : ''}${written}`]);
        }
        partial = next.slice(0, 4);
      });
      return partial
        .map(([at, text]) => [feed(at, ']'), `${text}]`] as [AutomatonState, string])
        .filter(([at]) => at.length > 0);
    }
    if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item as Record<string, unknown>);
      const opened = feed(state, '{');
      const results: [AutomatonState, string][] = [];
      // Each object schema still possible takes its declared keys in order, then the others.
      for (const order of keyOrders(opened, entries)) {
        let partial: [AutomatonState, string][] = [[opened, '{']];
        order.forEach(([key, inner], i) => {
          const next: [AutomatonState, string][] = [];
          const keyText = `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
          for (const [at, text] of partial) {
            const afterKey = feed(at, keyText);
            for (const [after, written] of write(afterKey, inner)) next.push([after, text + keyText + written]);
          }
          partial = next.slice(0, 4);
        });
        for (const [at, text] of partial) {
          const closed = feed(at, '}');
          if (closed.length > 0) results.push([closed, `${text}}`]);
        }
        if (results.length > 0) break;
      }
      return results;
    }
    const text = JSON.stringify(item);
    if (text === undefined) return [];
    const after = feed(state, text);
    return after.length > 0 ? [[after, text]] : [];
  };
  for (const [state, text] of write(initial, value)) {
    if (isAccepting(state) && closingLength(state) === 0) return text;
  }
  return null;
}

/** Orders of the entries the object frames of `state` would take (declared names first, in order). */
function keyOrders(state: AutomatonState, entries: [string, unknown][]): [string, unknown][][] {
  const orders: [string, unknown][][] = [];
  const seen = new Set<unknown>();
  for (const thread of state) {
    const frame = thread?.frame;
    if (!(frame instanceof ObjectFrame) || seen.has(frame.node)) continue;
    seen.add(frame.node);
    const rank = new Map(frame.node.properties.map((p, i) => [p.name, i]));
    orders.push(
      [...entries].sort(
        (a, b) => (rank.get(a[0]) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b[0]) ?? Number.MAX_SAFE_INTEGER),
      ),
    );
  }
  return orders.length > 0 ? orders : [entries];
}
