// A JSON number. Integer parts are kept within [lo, hi] digit by digit (15 digits at most, so they stay
// exact); `integer` allows nothing else. A bounded `number` may add a fraction only when the whole unit
// interval after its integer part lies inside the bounds, and never an exponent; an unbounded one may
// add up to 22 fraction digits and a 1-2 digit exponent (so every value stays finite), and its integer
// part up to 21 digits.
import { MAX_EXPONENT_DIGITS, MAX_FRACTION_DIGITS, MAX_FREE_INT_DIGITS, MAX_INT_DIGITS } from '../schema-ir.ts';
import type { SchemaNode } from '../schema-ir.ts';
import { integerCompletion, minDocOf } from '../shortest-document.ts';
import { clampCount, DELEGATE } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type NumberNode = Extract<SchemaNode, { kind: 'number' }>;

const START = 0;
const SIGN = 1;
const INT = 2;
const DOT = 3;
const FRAC = 4;
const EXP = 5;
const EXP_SIGN = 6;
const EXP_DIGITS = 7;

function digitOf(byte: number): number {
  return byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : -1;
}

export class NumberFrame implements Frame {
  readonly node: NumberNode;
  readonly phase: number;
  readonly negative: boolean;
  readonly digits: number;
  readonly magnitude: number;
  /** FRAC: fraction digits; EXP_DIGITS: exponent digits. */
  readonly tail: number;

  constructor(node: NumberNode, phase = START, negative = false, digits = 0, magnitude = 0, tail = 0) {
    this.node = node;
    this.phase = phase;
    this.negative = negative;
    this.digits = digits;
    this.magnitude = magnitude;
    this.tail = tail;
  }

  /**
   * More integer digits than bounds are checked for, on a side without a reachable bound: every bound
   * lies within 15 digits, so the value is past the near one and short of the far one.
   */
  private get pastExactDigits(): boolean {
    return this.digits > MAX_INT_DIGITS;
  }

  /** Before the first byte of the number. */
  get atStart(): boolean {
    return this.phase === START;
  }

  get canEnd(): boolean {
    if (this.phase === INT && (!this.node.bounded || this.pastExactDigits)) return true;
    if (this.phase === INT)
      return (
        integerCompletion(this.negative, this.magnitude, this.digits, this.node.lo, this.node.hi, this.node.step) === ''
      );
    return this.phase === FRAC || this.phase === EXP_DIGITS;
  }

  private withDigit(digit: number): NumberFrame | null {
    const { node, negative, digits, magnitude } = this;
    if (digits > 0 && magnitude === 0) return null;
    const next = magnitude * 10 + digit;
    // Without bounds the integer part need not stay exact: as many digits as JSON.stringify writes out.
    if (!node.bounded || (digits >= MAX_INT_DIGITS && (negative ? node.openBelow : node.openAbove)))
      return digits < MAX_FREE_INT_DIGITS ? new NumberFrame(node, INT, negative, digits + 1, next) : null;
    if (integerCompletion(negative, next, digits + 1, node.lo, node.hi, node.step) === null) return null;
    return new NumberFrame(node, INT, negative, digits + 1, next);
  }

  private fractionAllowed(): boolean {
    const { node, negative, magnitude } = this;
    if (node.integer) return false;
    if (!node.bounded) return true;
    return negative
      ? -(magnitude + 1) >= node.lo && -magnitude <= node.hi
      : magnitude >= node.lo && magnitude + 1 <= node.hi;
  }

  step(byte: number): StepResult {
    const digit = digitOf(byte);
    const { node } = this;
    switch (this.phase) {
      case START:
        if (byte === 0x2d)
          return integerCompletion(true, 0, 0, node.lo, node.hi, node.step) === null
            ? null
            : new NumberFrame(node, SIGN, true);
        if (digit < 0) return null;
        return this.withDigit(digit);
      case SIGN:
        return digit < 0 ? null : this.withDigit(digit);
      case INT: {
        if (digit >= 0) {
          const next = this.withDigit(digit);
          if (next) return next;
        } else if (byte === 0x2e && this.fractionAllowed()) {
          return new NumberFrame(node, DOT, this.negative, this.digits, this.magnitude);
        } else if ((byte === 0x65 || byte === 0x45) && !node.integer && !node.bounded && this.canEnd) {
          return new NumberFrame(node, EXP, this.negative, this.digits, this.magnitude);
        }
        return this.canEnd ? DELEGATE : null;
      }
      case DOT:
        return digit < 0 ? null : new NumberFrame(node, FRAC, this.negative, this.digits, this.magnitude, 1);
      case FRAC:
        if (digit >= 0 && this.tail < MAX_FRACTION_DIGITS) {
          return new NumberFrame(node, FRAC, this.negative, this.digits, this.magnitude, this.tail + 1);
        }
        if ((byte === 0x65 || byte === 0x45) && !node.bounded) return new NumberFrame(node, EXP);
        return DELEGATE;
      case EXP:
        if (byte === 0x2b || byte === 0x2d) return new NumberFrame(node, EXP_SIGN);
        return digit < 0 ? null : new NumberFrame(node, EXP_DIGITS, false, 0, 0, 1);
      case EXP_SIGN:
        return digit < 0 ? null : new NumberFrame(node, EXP_DIGITS, false, 0, 0, 1);
      default:
        if (digit >= 0 && this.tail < MAX_EXPONENT_DIGITS)
          return new NumberFrame(node, EXP_DIGITS, false, 0, 0, this.tail + 1);
        return DELEGATE;
    }
  }

  closing(): string {
    switch (this.phase) {
      case START:
        return minDocOf(this.node);
      case SIGN:
      case INT:
        return (
          integerCompletion(this.negative, this.magnitude, this.digits, this.node.lo, this.node.hi, this.node.step) ??
          ''
        );
      case DOT:
      case EXP:
      case EXP_SIGN:
        return '0';
      default:
        return '';
    }
  }

  key(): string {
    return `n${this.node.id},${this.phase},${this.negative ? 1 : 0},${this.digits},${this.magnitude},${this.tail}`;
  }

  maskKey(clamp: number): string {
    const { node, phase } = this;
    const tailRoom = clampCount((phase === FRAC ? MAX_FRACTION_DIGITS : MAX_EXPONENT_DIGITS) - this.tail, clamp);
    const digitsLeft = clampCount((node.bounded ? MAX_INT_DIGITS : MAX_FREE_INT_DIGITS) - this.digits, clamp);
    // Unbounded integer parts only differ by how many digits are left (and a leading zero); so do bounded
    // ones that no bound can reach within one token (see clearOfBounds). Others keep their exact value.
    let intPart: string;
    if (!node.bounded) intPart = `${digitsLeft},${this.digits > 0 && this.magnitude === 0 ? 'z' : ''}`;
    else if (this.clearOfBounds(clamp))
      intPart = `free,${digitsLeft},${node.step > 1 ? this.magnitude % node.step : ''}`;
    else intPart = `${this.digits},${this.magnitude}`;
    return `n${node.id},${phase},${this.negative ? 1 : 0},${intPart},${tailRoom}`;
  }

  /**
   * An integer part whose every continuation by up to `clamp` digits (a token's worth) stays in bounds,
   * with room for the +1 a fraction needs: it may end, take a fraction (a number node) or take any digit
   * at each of those steps, exactly as every other such value with as many digits left. Without this, a
   * bounded count (`minimum: 0`) got a mask of its own for every value written, each a cache miss.
   */
  private clearOfBounds(clamp: number): boolean {
    const { node, magnitude, digits } = this;
    if (this.phase !== INT || magnitude === 0) return false;
    // Bounds on the magnitude: a negative value -m is in [lo, hi] when m is in [-hi, -lo].
    const low = this.negative ? -node.hi : node.lo;
    const high = this.negative ? -node.lo : node.hi;
    const steps = Math.min(MAX_INT_DIGITS - digits, clamp);
    for (let k = 0, scale = 1; k <= steps; k++, scale *= 10) {
      if (magnitude * scale < low || (magnitude + 1) * scale > high) return false;
    }
    return true;
  }
}
