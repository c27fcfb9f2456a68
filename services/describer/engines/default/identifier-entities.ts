// Identifiers a reader copies rather than reads: emails and URLs (entity-patterns.ts), phone numbers,
// and order, ticket or invoice numbers. Own patterns, because no library at hand finds these reliably:
// compromise's phone tag knows only North American formats, libphonenumber-js needs the writer's
// country and rejects the fictional numbers test data is full of, and reference numbers have no
// grammar at all, only the word before them ("order", "ticket") and their shape (letters, digits, dashes).
import { type EntitySpan, findEmails, findUrls } from './entity-patterns.ts';

const ID_TOKEN = String.raw`#?(?=[A-Z0-9-/]*\d)[A-Z0-9][A-Z0-9-/]*[A-Z0-9]`;
const CUE =
  'order|ticket|case|invoice|reference|ref|booking|reservation|confirmation|tracking|account|membership|' +
  'customer|claim|rma|serial|transaction|receipt|policy|complaint|incident|request|return|parcel|package|' +
  'shipment|sku|contract|subscription|member|loyalty card|card ending|card ending in';
// "order 48213", "ticket no. TCK-20931", "invoice #: INV-2024-001", "tracking number 1Z999AA1".
const CUED_ID = new RegExp(
  `\\b(?:${CUE})(?:\\s+(?:number|no\\.?|nr\\.?|num\\.?|id|code|#))?(?:\\s+(?:is|was))?\\s*(?:[:#]\\s*)?(?<id>${ID_TOKEN})(?![\\p{L}\\p{N}])`,
  'giu',
);
// Without a cue word only a telling shape counts: letters then digits ("TCK-20931", "RMA4432") or a "#"
// before digits ("#48213").
const SHAPED_ID = /(?<![\p{L}\p{N}#-])(?:[A-Z]{2,5}-?\d{3,}(?:-[A-Z0-9]+)*|#\d{3,})(?![\p{L}\p{N}])/gu;

const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+|00)?\(?\d[\d\s().-]{5,18}\d(?![\p{L}\p{N}])/gu;
const PHONE_CUE =
  /\b(?:call|phone|tel|telephone|mobile|cell|ring|text|whatsapp|reach me|contact me|number|hotline|fax)\b[^.!?\n]{0,25}$/iu;
const NANP = /^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$/u;
const DATE_SHAPED = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.-]\d{1,2}[.-]\d{2,4})$/u;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

export function findPhones(text: string): EntitySpan[] {
  const found: EntitySpan[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const written = match[0].trim();
    const digits = digitsOf(written);
    if (digits.length < 7 || digits.length > 15 || DATE_SHAPED.test(written)) continue;
    const international = written.startsWith('+') || written.startsWith('00');
    const cued = PHONE_CUE.test(text.slice(Math.max(0, match.index - 40), match.index));
    if (!international && !NANP.test(written) && !cued) continue;
    // Numbers run together without separators are order numbers far more often than phones.
    if (!international && !/[\s().-]/u.test(written) && !cued) continue;
    const value = international ? `+${written.startsWith('00') ? digits.slice(2) : digits}` : digits;
    found.push({ type: 'phone', text: written, start: match.index, end: match.index + written.length, value });
  }
  return found;
}

function idEntity(start: number, written: string): EntitySpan {
  // The "#" is how the number is written, not part of it.
  const offset = written.startsWith('#') ? 1 : 0;
  const id = written.slice(offset);
  return { type: 'identifier', text: id, start: start + offset, end: start + written.length, value: id };
}

export function findIdentifiers(text: string): EntitySpan[] {
  const found: EntitySpan[] = [];
  for (const match of text.matchAll(CUED_ID)) {
    const id = match.groups?.id ?? '';
    if (digitsOf(id).length < 3) continue;
    found.push(idEntity(match.index + match[0].length - id.length, id));
  }
  for (const match of text.matchAll(SHAPED_ID)) found.push(idEntity(match.index, match[0]));
  return found;
}

/** Emails, URLs, phones and reference numbers; overlaps are settled by the caller. */
export function findIdentifierEntities(text: string): EntitySpan[] {
  return [...findEmails(text), ...findUrls(text), ...findIdentifiers(text), ...findPhones(text)];
}
