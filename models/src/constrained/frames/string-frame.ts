// A JSON string: valid UTF-8 only, no raw control characters, escapes \" \\ \/ \b \f \n \r \t and
// \uXXXX (except surrogates: astral characters are written as raw UTF-8). Length counts code points,
// as ajv does: a UTF-8 sequence or an escape is one character (counted only when a length is limited).
// With a language (pattern/format), each finished code point steps its automaton, and a partial one
// (inside a UTF-8 sequence or a \u escape) is allowed only while some code point it can still become
// keeps the string completable.
import type { StringLanguage } from '../regex/string-language.ts';
import { jsonCharText } from '../regex/string-language.ts';
import type { SchemaNode } from '../schema-ir.ts';
import { clampCount, POP } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type StringNode = Extract<SchemaNode, { kind: 'string' }>;

const START = 0;
const CONTENT = 1;
const UTF8 = 2;
const ESCAPE = 3;
const HEX = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES = new Map([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/** Continuation bytes a UTF-8 lead byte needs, and the allowed range of the first one; null if invalid. */
function utf8Lead(byte: number): [number, number, number] | null {
  if (byte >= 0xc2 && byte <= 0xdf) return [1, 0x80, 0xbf];
  if (byte === 0xe0) return [2, 0xa0, 0xbf];
  if (byte === 0xed) return [2, 0x80, 0x9f];
  if (byte >= 0xe1 && byte <= 0xef) return [2, 0x80, 0xbf];
  if (byte === 0xf0) return [3, 0x90, 0xbf];
  if (byte >= 0xf1 && byte <= 0xf3) return [3, 0x80, 0xbf];
  if (byte === 0xf4) return [3, 0x80, 0x8f];
  return null;
}

function leadBits(byte: number): number {
  if (byte >= 0xf0) return byte & 0x07;
  if (byte >= 0xe0) return byte & 0x0f;
  return byte & 0x1f;
}

function isLimited(node: StringNode): boolean {
  return node.minLength > 0 || node.maxLength !== Infinity || node.language !== null;
}

const unlimitedContent = new WeakMap<StringNode, StringFrame>();

export class StringFrame implements Frame {
  readonly node: StringNode;
  readonly phase: number;
  readonly count: number;
  /** UTF8: continuation bytes left; HEX: hex digits seen. */
  readonly a: number;
  /** UTF8: (lo << 8) | hi of the next byte; HEX: 1 when the first hex digit was d/D. */
  readonly b: number;
  /** The language's automaton state (-1 without a language). */
  readonly q: number;
  /** UTF8 / HEX: the bits of the code point read so far. */
  readonly cp: number;
  private closingText: string | undefined;

  constructor(node: StringNode, phase = START, count = 0, a = 0, b = 0, q = -1, cp = 0) {
    this.node = node;
    this.phase = phase;
    this.count = count;
    this.a = a;
    this.b = b;
    this.q = q;
    this.cp = cp;
  }

  get canEnd(): boolean {
    return false;
  }

  /** Inside the quotes, between characters. */
  get inContent(): boolean {
    return this.phase === CONTENT;
  }

  /** Inside the quotes, nothing written yet. */
  get justOpened(): boolean {
    return this.phase === CONTENT && this.count === 0;
  }

  /** Back in plain content; unlimited strings do not count, so their content frame is one shared object. */
  private content(count: number, q = -1): StringFrame {
    if (count > 0 || q >= 0) return new StringFrame(this.node, CONTENT, count, 0, 0, q);
    let frame = unlimitedContent.get(this.node);
    if (!frame) {
      frame = new StringFrame(this.node, CONTENT);
      unlimitedContent.set(this.node, frame);
    }
    return frame;
  }

  /** A whole code point written: the next content frame, or null when the language rules it out. */
  private withCodePoint(cp: number, count: number): StringFrame | null {
    const language = this.node.language;
    if (!language) return this.content(count);
    const q = language.dfa.step(this.q, cp);
    return language.feasible(q, count) ? this.content(count, q) : null;
  }

  /** With a language, some code point in [lo, hi] must keep the string completable. */
  private viable(language: StringLanguage | null, lo: number, hi: number, count: number): boolean {
    if (!language) return true;
    if (lo <= 0xdfff && hi >= 0xd800) {
      return (
        (lo < 0xd800 && language.anyFeasible(this.q, lo, 0xd7ff, count - 1)) ||
        (hi > 0xdfff && language.anyFeasible(this.q, 0xe000, hi, count - 1))
      );
    }
    return language.anyFeasible(this.q, lo, hi, count - 1);
  }

  step(byte: number): StepResult {
    const { node, count } = this;
    const language = node.language;
    switch (this.phase) {
      case START:
        if (byte !== QUOTE) return null;
        return language ? new StringFrame(node, CONTENT, 0, 0, 0, language.dfa.start) : this.content(0);
      case CONTENT: {
        if (byte === QUOTE) {
          if (count < node.minLength) return null;
          return !language || language.dfa.states[this.q]!.accept ? POP : null;
        }
        if (count >= node.maxLength) return null;
        const next = isLimited(node) ? count + 1 : 0;
        if (byte === BACKSLASH) {
          const frame = new StringFrame(node, ESCAPE, next, 0, 0, this.q);
          return frame.viableHere() ? frame : null;
        }
        if (byte >= 0x20 && byte <= 0x7f) {
          if (language) return this.withCodePoint(byte, next);
          return next === 0 ? this : new StringFrame(node, CONTENT, next);
        }
        const lead = utf8Lead(byte);
        if (!lead) return null;
        const bits = leadBits(byte);
        const frame = new StringFrame(node, UTF8, next, lead[0], (lead[1] << 8) | lead[2], this.q, bits);
        return frame.viableHere() ? frame : null;
      }
      case UTF8: {
        if (byte < this.b >> 8 || byte > (this.b & 0xff)) return null;
        const bits = (this.cp << 6) | (byte & 0x3f);
        if (this.a === 1) return this.withCodePoint(bits, count);
        const frame = new StringFrame(node, UTF8, count, this.a - 1, (0x80 << 8) | 0xbf, this.q, bits);
        return frame.viableHere() ? frame : null;
      }
      case ESCAPE: {
        const simple = SIMPLE_ESCAPES.get(byte);
        if (simple !== undefined) return this.withCodePoint(simple, count);
        if (byte !== 0x75) return null;
        const frame = new StringFrame(node, HEX, count, 0, 0, this.q, 0);
        return frame.viableHere() ? frame : null;
      }
      default: {
        const digit = hexValue(byte);
        if (digit < 0) return null;
        if (this.a === 1 && this.b === 1 && byte > 0x37) return null;
        const bits = (this.cp << 4) | digit;
        if (this.a === 3) return this.withCodePoint(bits, count);
        const surrogateLead = this.a === 0 && digit === 0xd ? 1 : this.b;
        const frame = new StringFrame(node, HEX, count, this.a + 1, surrogateLead, this.q, bits);
        return frame.viableHere() ? frame : null;
      }
    }
  }

  /** The code points a partial UTF-8 sequence or \u escape can still become. */
  private pendingRange(): [number, number] {
    if (this.phase === UTF8) {
      const shift = 6 * (this.a - 1);
      const lo = ((this.cp << 6) | ((this.b >> 8) & 0x3f)) << shift;
      const hi = (((this.cp << 6) | (this.b & 0x3f)) << shift) | ((1 << shift) - 1);
      return [lo, hi];
    }
    if (this.phase === HEX) {
      const shift = 4 * (4 - this.a);
      const lo = this.cp << shift;
      const hi = this.b === 1 && this.a >= 1 ? Math.min(0xd7ff, lo + (1 << shift) - 1) : lo + (1 << shift) - 1;
      return [lo, hi];
    }
    // ESCAPE: an escape spells a code point of the basic plane.
    return [0, 0xffff];
  }

  private viableHere(): boolean {
    const language = this.node.language;
    if (!language) return true;
    const [lo, hi] = this.pendingRange();
    return this.viable(language, lo, hi, this.count);
  }

  closing(): string {
    if (this.closingText !== undefined) return this.closingText;
    const language = this.node.language;
    const text = language ? this.languageClosing(language) : this.plainClosing();
    this.closingText = text;
    return text;
  }

  private plainClosing(): string {
    const fill = 'a'.repeat(Math.max(0, this.node.minLength - this.count));
    switch (this.phase) {
      case START:
        return `"${'a'.repeat(this.node.minLength)}"`;
      case UTF8:
        return `${String.fromCharCode(this.b >> 8) + '\x80'.repeat(this.a - 1) + fill}"`;
      case ESCAPE:
        return `"${fill}"`;
      case HEX:
        return `${'0'.repeat(4 - this.a) + fill}"`;
      default:
        return `${fill}"`;
    }
  }

  private languageClosing(language: StringLanguage): string {
    const rest = (q: number, count: number): string =>
      `${(language.completion(q, count) ?? []).map(jsonCharText).join('')}"`;
    switch (this.phase) {
      case START:
        return `"${rest(language.dfa.start, 0)}`;
      case CONTENT:
        return rest(this.q, this.count);
      case ESCAPE: {
        // Finish the escape with the cheapest allowed code point, spelled as \uXXXX.
        const cp = language.pick(this.q, 0, 0xffff, this.count - 1);
        return `u${cp.toString(16).padStart(4, '0')}${rest(language.dfa.step(this.q, cp), this.count)}`;
      }
      default: {
        const [lo, hi] = this.pendingRange();
        let cp = language.pick(this.q, lo, Math.min(hi, 0xd7ff), this.count - 1);
        if (cp < 0) cp = language.pick(this.q, Math.max(lo, 0xe000), hi, this.count - 1);
        let tail: string;
        if (this.phase === HEX) tail = cp.toString(16).padStart(4, '0').slice(this.a);
        else {
          const full = jsonCharText(cp);
          tail = full.slice(full.length - this.a);
        }
        return tail + rest(language.dfa.step(this.q, cp), this.count);
      }
    }
  }

  key(): string {
    return `s${this.node.id},${this.phase},${this.count},${this.a},${this.b},${this.q},${this.cp}`;
  }

  maskKey(clamp: number): string {
    // Where the pattern accepts anything from here on, only counts within a token of a bound matter.
    const language = this.node.language;
    const horizon = clamp + (language && !language.universal(this.q) ? language.horizon : 0);
    const room = clampCount(this.node.maxLength - this.count, horizon);
    const need = clampCount(Math.max(0, this.node.minLength - this.count), horizon);
    const automaton = language ? `,${this.q},${this.cp}` : '';
    return `s${this.node.id},${this.phase},${room},${need},${this.a},${this.b}${automaton}`;
  }
}
