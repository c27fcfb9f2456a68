// Quantities: a number with its unit or the things it counts ("2 kg", "3 boxes", "two tickets", "12%"),
// as compromise tags them. Money and dates win over a quantity where they overlap (entities.ts), so
// "within 14 days" stays a deadline.
import type { EntitySpan } from './entity-patterns.ts';
import { type ParsedText, spansOf } from './named-entities.ts';

const QUANTITY = '#Value+ #Adjective? (#Unit|#Plural)';
// compromise tags a percentage only on a "%" or the word "percent": without one, skip its number search.
const MAY_HOLD_PERCENT = /%|percent/iu;

type Nlp = ParsedText['readers']['nlp'];
// The pattern parsed once per library instance instead of on every match call.
const quantityPatterns = new WeakMap<Nlp, ReturnType<Nlp['parseMatch']>>();

function quantityPattern(nlp: Nlp): ReturnType<Nlp['parseMatch']> {
  let pattern = quantityPatterns.get(nlp);
  if (!pattern) {
    pattern = nlp.parseMatch(QUANTITY);
    quantityPatterns.set(nlp, pattern);
  }
  return pattern;
}

/** The first number compromise reads inside each match of `view`, found in one pass over the view. */
function firstNumbers(view: ParsedText['doc']): Array<unknown> {
  const numbers = view.numbers();
  const values = numbers.get() as unknown[];
  const pointers = numbers.fullPointer;
  return view.fullPointer.map(([sentence, start = 0, end = Number.POSITIVE_INFINITY]) => {
    const index = pointers.findIndex(
      ([s, first = 0, last = Number.POSITIVE_INFINITY]) => s === sentence && first >= start && last <= end,
    );
    return index < 0 ? undefined : values[index];
  });
}

export function findQuantities(parsed: ParsedText): EntitySpan[] {
  const found: EntitySpan[] = [];
  const views = [parsed.doc.match(quantityPattern(parsed.readers.nlp))];
  if (MAY_HOLD_PERCENT.test(parsed.text)) views.push(parsed.doc.percentages());
  for (const view of views) {
    const amounts = firstNumbers(view as ParsedText['doc']);
    view.fullPointer.forEach((pointer, i) => {
      const [span] = spansOf(parsed, { fullPointer: [pointer] });
      const amount = amounts[i];
      if (!span || typeof amount !== 'number') return;
      const [start, end] = span;
      const written = parsed.text.slice(start, end);
      // A term compromise split off a token ("500ml") can leave a span that starts between words.
      if (!/^[\p{N}\p{L}]/u.test(written)) return;
      const unit = /%$/.test(written) ? '%' : (/[\p{L}%]+$/u.exec(written)?.[0] ?? '');
      found.push({ type: 'quantity', text: written, start, end, amount, unit: unit.toLowerCase() });
    });
  }
  return found;
}
