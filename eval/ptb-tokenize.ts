// Penn-Treebank-style tokenization as the JFLEG files use it (`morning , except`, `do n't`, `it 's`,
// `" word "`, `( aside )`), and its inverse. Systems read natural text, so sources are detokenized
// before cleaning and outputs are re-tokenized before scoring against the tokenized references.
// Characters are never changed, only spacing: tokenize(detokenize(line)) === line for nearly all lines.

const CLITIC = /^(?:n't|'s|'m|'re|'ve|'ll|'d)$/i;
const ATTACH_LEFT = new Set([',', '.', ';', ':', '?', '!', '%', ')', ']', '}', '...', "''"]);
const ATTACH_RIGHT = new Set(['(', '[', '{', '$', '``']);

/** PTB tokens -> the text a user would have typed. */
export function detokenize(tokenized: string): string {
  const tokens = tokenized.split(/\s+/).filter((t) => t.length > 0);
  let out = '';
  let glueNext = true;
  let doubleOpen = false;
  let singleOpen = false;
  for (const token of tokens) {
    let glue = glueNext;
    glueNext = false;
    if (token === '"') {
      if (doubleOpen) glue = true;
      else glueNext = true;
      doubleOpen = !doubleOpen;
    } else if (token === "'") {
      // a quote after a word ending in s is the plural possessive (`dinosaurs ' behavior`)
      if (singleOpen || (!singleOpen && /s$/i.test(out))) {
        glue = true;
        singleOpen = false;
      } else {
        glueNext = true;
        singleOpen = true;
      }
    } else if (ATTACH_LEFT.has(token) || CLITIC.test(token)) {
      // `etc. .` stays apart: `etc..` would read as an ellipsis
      glue = !(token === '.' && out.endsWith('.'));
    }
    if (ATTACH_RIGHT.has(token)) glueNext = true;
    out += glue || out === '' ? token : ` ${token}`;
  }
  return out;
}

/** An HTML entity left in the corpus (`&raspsquo;`): its `;` is not punctuation. */
const ENTITY = /^&[a-z]+;$/i;
const PROTECTED = [
  /^[a-z][a-z0-9+.-]*:\/\/\S+$/i, // URL
  /^www\.\S+$/i,
  /^[^\s@"'()]+@[^\s@"'()]+\.[a-z]{2,}$/i, // e-mail
  ENTITY,
];
const LEADING = ['...', '--', '``', '"', '(', '[', '{', '$'];
const TRAILING = ['...', '--', "''", '"', ')', ']', '}', ',', ';', ':', '?', '!', '%'];
/** The sentence-final period, possibly followed by closing quotes or brackets (`years.")`). */
const FINAL_PERIOD = /^(.*[^.])\.([\])}"']*)$/;

/** Natural text -> PTB-style tokens joined by single spaces, as in the JFLEG references. */
export function tokenize(text: string): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const tokens: string[] = [];
  words.forEach((word, i) => {
    // Only the sentence-final period is a token of its own; `etc.` and `Mr.` inside keep theirs.
    const final = i === words.length - 1 ? FINAL_PERIOD.exec(word) : null;
    if (final) tokens.push(...splitWord(final[1]!), '.', ...splitWord(final[2]!));
    else tokens.push(...splitWord(word));
  });
  return tokens.join(' ');
}

function splitWord(word: string): string[] {
  if (word === '') return [];
  const { core, before, after } = peel(word);
  if (core === '') return [...before, ...after];
  if (PROTECTED.some((re) => re.test(core))) return [...before, core, ...after];
  const inner = splitInside(core);
  return [...before, ...inner.flatMap(splitClitic), ...after];
}

/** Strips opening and closing punctuation off the edges of a whitespace-delimited word. */
function peel(word: string): { core: string; before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  let core = word;
  for (let changed = true; changed && core.length > 0 && !ENTITY.test(core); ) {
    changed = false;
    const lead = LEADING.find((p) => core.startsWith(p) && core.length >= p.length);
    if (lead !== undefined) {
      before.push(lead);
      core = core.slice(lead.length);
      changed = true;
      continue;
    }
    if (core.startsWith("'") && core.length > 1 && !CLITIC.test(core) && !/^'\d/.test(core) && !core.startsWith("''")) {
      before.push("'");
      core = core.slice(1);
      changed = true;
      continue;
    }
    const trail = TRAILING.find((s) => core.endsWith(s) && !(s === '...' && core === '...'));
    if (trail !== undefined) {
      after.unshift(trail);
      core = core.slice(0, -trail.length);
      changed = true;
      continue;
    }
    if (core.endsWith("'") && core.length > 1 && !core.endsWith("''")) {
      after.unshift("'");
      core = core.slice(0, -1);
      changed = true;
    }
  }
  return { core, before, after };
}

/** Punctuation glued between two words (`this,but`, `(and`) is split like at a word edge. */
function splitInside(core: string): string[] {
  const parts = core
    .replace(/\.\.\.|--|[?!;"()[\]{}]/g, ' $& ')
    .replace(/([^\d]),|,([^\d])/g, (_match, a: string | undefined, b: string | undefined) =>
      a !== undefined ? `${a} , ` : ` , ${b}`,
    )
    .split(' ')
    .filter((p) => p.length > 0);
  return parts.length === 0 ? [core] : parts;
}

function splitClitic(word: string): string[] {
  const negation = /^(.+)(n't)$/i.exec(word);
  if (negation) return [negation[1]!, negation[2]!];
  const clitic = /^(.+?)('s|'m|'re|'ve|'ll|'d)$/i.exec(word);
  if (clitic && /[a-z]$/i.test(clitic[1]!)) return [clitic[1]!, clitic[2]!];
  return [word];
}
