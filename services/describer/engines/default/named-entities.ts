// People, organizations and places as compromise tags them, with UTF-16 offsets into the original text.
// compromise keeps every character of its input in its terms (pre + text + post), so offsets come from
// walking the terms once; honorifics and a trailing possessive are trimmed off the names.
import type { Readers } from './nlp-libraries.ts';
import type { EntitySpan } from './entity-patterns.ts';

type NlpDocument = ReturnType<Readers['nlp']>;

interface TermLike {
  text: string;
  pre: string;
  post: string;
}

const HONORIFIC = /^(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Sra|Mme|Mlle)\.?|Miss|Sir|Madam|Dame|Lord|Lady)\s+/u;
const POSSESSIVE = /['’]s$/u;
// compromise tags a greeting's "Sir" or "Madam" as a person; alone they name nobody.
const NOT_A_NAME = new Set(['sir', 'madam', 'dear', 'sir or madam']);

/** Offsets of every term, as [sentence][term] -> [start, end]; a term not found gets [-1, -1]. */
function termOffsets(text: string, sentences: readonly (readonly TermLike[])[]): Array<Array<[number, number]>> {
  let cursor = 0;
  return sentences.map((terms) =>
    terms.map((term): [number, number] => {
      // An implied term ("ml" split off "500ml", "am" of "I'm") has no text of its own: it ends where
      // the one before it ends.
      if (term.text === '') return [cursor, cursor];
      const start = text.startsWith(term.pre + term.text, cursor)
        ? cursor + term.pre.length
        : text.indexOf(term.text, cursor);
      if (start < 0) return [-1, -1];
      cursor = start + term.text.length;
      if (text.startsWith(term.post, cursor)) cursor += term.post.length;
      return [start, start + term.text.length];
    }),
  );
}

function trimmed(type: EntitySpan['type'], text: string, start: number, end: number): EntitySpan | undefined {
  let value = text.slice(start, end);
  if (type === 'person') {
    const title = HONORIFIC.exec(value);
    if (title && title[0].length < value.length) {
      start += title[0].length;
      value = value.slice(title[0].length);
    }
  }
  const possessive = POSSESSIVE.exec(value);
  if (possessive) {
    end -= possessive[0].length;
    value = value.slice(0, -possessive[0].length);
  }
  if (value.length < 2 || NOT_A_NAME.has(value.toLowerCase())) return undefined;
  return { type, text: value, start, end };
}

// compromise joins a list of names into one match ("Mastercard, PayPal, Best Buy", "Paris, France");
// a reader sees one entity per name.
function splitList(text: string, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let from = start;
  for (const separator of text.slice(start, end).matchAll(/\s*[,;]\s*/gu)) {
    parts.push([from, start + separator.index]);
    from = start + separator.index + separator[0].length;
  }
  parts.push([from, end]);
  return parts.filter(([a, b]) => b > a);
}

export interface ParsedText {
  text: string;
  readers: Readers;
  doc: NlpDocument;
  offsets: Array<Array<[number, number]>>;
}

/** compromise's reading of the text, shared by the finders here and quantity-entities.ts. */
export function parseText(readers: Readers, text: string): ParsedText {
  const doc = readers.nlp(text);
  return { text, readers, doc, offsets: termOffsets(text, doc.document as unknown as TermLike[][]) };
}

/** Spans of `view` (any compromise match on the parsed document) as offsets into the text. */
export function spansOf(parsed: ParsedText, view: Pick<NlpDocument, 'fullPointer'>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const [sentence, first, last] of view.fullPointer) {
    if (sentence === undefined) continue;
    const row = parsed.offsets[sentence];
    const start = row?.[first ?? 0]?.[0] ?? -1;
    const end = row?.[(last ?? row.length) - 1]?.[1] ?? -1;
    if (start >= 0 && end > start) spans.push([start, end]);
  }
  return spans;
}

export function findNamedEntities(parsed: ParsedText): EntitySpan[] {
  const { doc, text } = parsed;
  const views: Array<[EntitySpan['type'], Pick<NlpDocument, 'fullPointer'>]> = [
    ['person', doc.people()],
    ['organization', doc.organizations()],
    ['place', doc.places()],
  ];
  return views.flatMap(([type, view]) =>
    spansOf(parsed, view)
      .flatMap(([start, end]) => splitList(text, start, end))
      .flatMap(([start, end]) => trimmed(type, text, start, end) ?? []),
  );
}
