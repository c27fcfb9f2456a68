// An ECMA-262 `pattern` (as ajv runs it: the `u` flag, search semantics) parsed by regexpp into an NFA
// over code points. Lookarounds, backreferences and word boundaries have no finite automaton here and
// are refused; counted repetitions are unrolled up to a size limit (a huge pattern is refused, not run).
import { RegExpParser } from '@eslint-community/regexpp';
import type { AST } from '@eslint-community/regexpp';
import { ANY, complement, DIGIT, DOT, propertyRanges, SPACE, union, WORD } from './char-ranges.ts';
import type { Ranges } from './char-ranges.ts';

export class RegexUnsupported extends Error {}

export interface Nfa {
  /** Per node: plain epsilon edges, `^` edges (only at position 0), `$` edges (only at the end). */
  readonly eps: number[][];
  readonly startEps: number[][];
  readonly endEps: number[][];
  readonly edges: { ranges: Ranges; to: number }[][];
  readonly start: number;
  readonly accept: number;
}

const MAX_NFA_NODES = 20_000;
const parser = new RegExpParser({ ecmaVersion: 2025 });

class Builder {
  eps: number[][] = [];
  startEps: number[][] = [];
  endEps: number[][] = [];
  edges: { ranges: Ranges; to: number }[][] = [];

  node(): number {
    if (this.eps.length >= MAX_NFA_NODES) throw new RegexUnsupported('the pattern is too large to compile');
    this.eps.push([]);
    this.startEps.push([]);
    this.endEps.push([]);
    this.edges.push([]);
    return this.eps.length - 1;
  }
}

/** [entry, exit] of a fragment. */
type Fragment = [number, number];

export function patternNfa(pattern: string): Nfa {
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch (error) {
    throw new RegexUnsupported(`not a valid ECMA-262 regular expression (${(error as Error).message})`);
  }
  const b = new Builder();
  const start = b.node();
  const accept = b.node();
  // Search semantics: anything may come before and after the match.
  b.edges[start]!.push({ ranges: ANY, to: start });
  b.edges[accept]!.push({ ranges: ANY, to: accept });
  const [entry, exit] = alternatives(b, ast.alternatives);
  b.eps[start]!.push(entry);
  b.eps[exit]!.push(accept);
  return { eps: b.eps, startEps: b.startEps, endEps: b.endEps, edges: b.edges, start, accept };
}

function alternatives(b: Builder, alts: readonly AST.Alternative[]): Fragment {
  const entry = b.node();
  const exit = b.node();
  for (const alt of alts) {
    const [i, o] = sequence(b, alt.elements);
    b.eps[entry]!.push(i);
    b.eps[o]!.push(exit);
  }
  return [entry, exit];
}

function sequence(b: Builder, elements: readonly AST.Element[]): Fragment {
  const entry = b.node();
  let at = entry;
  for (const element of elements) {
    const [i, o] = fragment(b, element);
    b.eps[at]!.push(i);
    at = o;
  }
  return [entry, at];
}

function charEdge(b: Builder, ranges: Ranges): Fragment {
  const i = b.node();
  const o = b.node();
  b.edges[i]!.push({ ranges, to: o });
  return [i, o];
}

function fragment(b: Builder, element: AST.Element): Fragment {
  switch (element.type) {
    case 'Character':
      return charEdge(b, [element.value, element.value]);
    case 'CharacterSet':
      return charEdge(b, setRanges(element));
    case 'CharacterClass':
      return charEdge(b, classRanges(element));
    case 'ExpressionCharacterClass':
      throw new RegexUnsupported('character class expressions (the v flag) are not supported');
    case 'Group':
    case 'CapturingGroup':
      return alternatives(b, element.alternatives);
    case 'Quantifier':
      return quantifier(b, element);
    case 'Assertion':
      return assertion(b, element);
    case 'Backreference':
      throw new RegexUnsupported('backreferences have no finite automaton');
    default:
      throw new RegexUnsupported(`unsupported regular expression element ${(element as AST.Node).type}`);
  }
}

function assertion(b: Builder, element: AST.Assertion): Fragment {
  const i = b.node();
  const o = b.node();
  if (element.kind === 'start') b.startEps[i]!.push(o);
  else if (element.kind === 'end') b.endEps[i]!.push(o);
  else if (element.kind === 'word') throw new RegexUnsupported('word boundaries (\\b, \\B) are not supported');
  else throw new RegexUnsupported('lookahead and lookbehind assertions are not supported');
  return [i, o];
}

function quantifier(b: Builder, q: AST.Quantifier): Fragment {
  const entry = b.node();
  let at = entry;
  const copies = q.max === Infinity ? q.min : q.max;
  if (copies > 1000) throw new RegexUnsupported(`the repetition {${q.min},${q.max}} is too large`);
  for (let k = 0; k < q.min; k++) {
    const [i, o] = fragment(b, q.element);
    b.eps[at]!.push(i);
    at = o;
  }
  if (q.max === Infinity) {
    const [i, o] = fragment(b, q.element);
    const loop = b.node();
    b.eps[at]!.push(loop);
    b.eps[loop]!.push(i);
    b.eps[o]!.push(loop);
    return [entry, loop];
  }
  const exit = b.node();
  b.eps[at]!.push(exit);
  for (let k = q.min; k < q.max; k++) {
    const [i, o] = fragment(b, q.element);
    b.eps[at]!.push(i);
    b.eps[o]!.push(exit);
    at = o;
  }
  return [entry, exit];
}

function setRanges(set: AST.CharacterSet): Ranges {
  let ranges: Ranges;
  switch (set.kind) {
    case 'any':
      return DOT;
    case 'digit':
      ranges = DIGIT;
      break;
    case 'space':
      ranges = SPACE;
      break;
    case 'word':
      ranges = WORD;
      break;
    case 'property': {
      if (set.strings) throw new RegexUnsupported('properties of strings are not supported');
      const name = set.value === null ? set.key : `${set.key}=${set.value}`;
      ranges = propertyRanges(`\\p{${name}}`);
      break;
    }
    default:
      throw new RegexUnsupported(`unsupported character set ${(set as AST.Node).raw}`);
  }
  return set.negate ? complement(ranges) : ranges;
}

function classRanges(cls: AST.CharacterClass): Ranges {
  const parts: Ranges[] = [];
  for (const element of cls.elements) {
    if (element.type === 'Character') parts.push([element.value, element.value]);
    else if (element.type === 'CharacterClassRange') parts.push([element.min.value, element.max.value]);
    else if (element.type === 'CharacterSet') parts.push(setRanges(element as AST.CharacterSet));
    else throw new RegexUnsupported(`unsupported class element ${element.raw}`);
  }
  const ranges = union(...parts);
  return cls.negate ? complement(ranges) : ranges;
}
