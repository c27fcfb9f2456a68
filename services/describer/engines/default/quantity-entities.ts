// Quantities: a number with its unit or the things it counts ("2 kg", "3 boxes", "two tickets", "12%"),
// as compromise tags them. Money and dates win over a quantity where they overlap (entities.ts), so
// "within 14 days" stays a deadline.
import type { EntitySpan } from './entity-patterns.ts';
import { type ParsedText, spansOf } from './named-entities.ts';

const QUANTITY = '#Value+ #Adjective? (#Unit|#Plural)';

export function findQuantities(parsed: ParsedText): EntitySpan[] {
  const found: EntitySpan[] = [];
  const views = [parsed.doc.match(QUANTITY), parsed.doc.percentages()];
  for (const view of views) {
    view.forEach((one) => {
      const match = one as typeof parsed.doc;
      const [span] = spansOf(parsed, match);
      const amount = (match.numbers().get() as unknown[])[0];
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
