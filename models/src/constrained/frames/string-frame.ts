// A JSON string: valid UTF-8 only, no raw control characters, escapes \" \\ \/ \b \f \n \r \t and
// \uXXXX (except surrogates: astral characters are written as raw UTF-8). Length counts code points,
// as ajv does: a UTF-8 sequence or an escape is one character (counted only when a length is limited).
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
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
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

function isLimited(node: StringNode): boolean {
  return node.minLength > 0 || node.maxLength !== Infinity;
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
  private closingText: string | undefined;

  constructor(node: StringNode, phase = START, count = 0, a = 0, b = 0) {
    this.node = node;
    this.phase = phase;
    this.count = count;
    this.a = a;
    this.b = b;
  }

  get canEnd(): boolean {
    return false;
  }

  /** Inside the quotes, nothing written yet. */
  get justOpened(): boolean {
    return this.phase === CONTENT && this.count === 0;
  }

  /** Back in plain content; unlimited strings do not count, so their content frame is one shared object. */
  private content(count: number): StringFrame {
    if (count > 0) return new StringFrame(this.node, CONTENT, count);
    let frame = unlimitedContent.get(this.node);
    if (!frame) {
      frame = new StringFrame(this.node, CONTENT);
      unlimitedContent.set(this.node, frame);
    }
    return frame;
  }

  step(byte: number): StepResult {
    const { node, count } = this;
    switch (this.phase) {
      case START:
        return byte === QUOTE ? this.content(0) : null;
      case CONTENT: {
        if (byte === QUOTE) return count >= node.minLength ? POP : null;
        if (count >= node.maxLength) return null;
        const next = isLimited(node) ? count + 1 : 0;
        if (byte === BACKSLASH) return new StringFrame(node, ESCAPE, next);
        if (byte >= 0x20 && byte <= 0x7f) return next === 0 ? this : new StringFrame(node, CONTENT, next);
        const lead = utf8Lead(byte);
        if (!lead) return null;
        return new StringFrame(node, UTF8, next, lead[0], (lead[1] << 8) | lead[2]);
      }
      case UTF8: {
        if (byte < this.b >> 8 || byte > (this.b & 0xff)) return null;
        if (this.a === 1) return this.content(count);
        return new StringFrame(node, UTF8, count, this.a - 1, (0x80 << 8) | 0xbf);
      }
      case ESCAPE:
        if (SIMPLE_ESCAPES.has(byte)) return this.content(count);
        return byte === 0x75 ? new StringFrame(node, HEX, count, 0, 0) : null;
      default: {
        if (!isHex(byte)) return null;
        if (this.a === 1 && this.b === 1 && byte > 0x37) return null;
        if (this.a === 3) return this.content(count);
        const surrogateLead = this.a === 0 && (byte === 0x64 || byte === 0x44) ? 1 : this.b;
        return new StringFrame(node, HEX, count, this.a + 1, surrogateLead);
      }
    }
  }

  closing(): string {
    if (this.closingText !== undefined) return this.closingText;
    const fill = 'a'.repeat(Math.max(0, this.node.minLength - this.count));
    let text: string;
    switch (this.phase) {
      case START:
        text = `"${'a'.repeat(this.node.minLength)}"`;
        break;
      case UTF8:
        text = `${String.fromCharCode(this.b >> 8) + '\x80'.repeat(this.a - 1) + fill}"`;
        break;
      case ESCAPE:
        text = `"${fill}"`;
        break;
      case HEX:
        text = `${'0'.repeat(4 - this.a) + fill}"`;
        break;
      default:
        text = `${fill}"`;
    }
    this.closingText = text;
    return text;
  }

  key(): string {
    return `s${this.node.id},${this.phase},${this.count},${this.a},${this.b}`;
  }

  maskKey(clamp: number): string {
    const room = clampCount(this.node.maxLength - this.count, clamp);
    const need = clampCount(Math.max(0, this.node.minLength - this.count), clamp);
    return `s${this.node.id},${this.phase},${room},${need},${this.a},${this.b}`;
  }
}
