// The byte automaton: a state is a set of threads (one per still-possible anyOf branch), each thread a
// persistent stack of frames; `null` is a finished document. Feeding a byte steps every thread.
import { ArrayFrame } from './frames/array-frame.ts';
import { DELEGATE, POP, Push } from './frames/frame.ts';
import type { Frame, StepResult } from './frames/frame.ts';
import { FreeObjectFrame } from './frames/free-object-frame.ts';
import { LiteralFrame } from './frames/literal-frame.ts';
import { NumberFrame } from './frames/number-frame.ts';
import { ObjectFrame } from './frames/object-frame.ts';
import { StringFrame } from './frames/string-frame.ts';
import type { SchemaNode } from './schema-ir.ts';

export class Stack {
  readonly frame: Frame;
  readonly parent: Stack | null;
  private closeLength = -1;
  private closeText: string | undefined;
  private endable = -1;
  private exactKey: string | undefined;
  private clampedKey: string | undefined;

  constructor(frame: Frame, parent: Stack | null) {
    this.frame = frame;
    this.parent = parent;
  }

  /** Bytes of the shortest way to finish the document from here. */
  closingLength(): number {
    if (this.closeLength < 0)
      this.closeLength = this.frame.closing().length + (this.parent ? this.parent.closingLength() : 0);
    return this.closeLength;
  }

  /** Every frame may end here: the text so far is a complete document. */
  canEnd(): boolean {
    if (this.endable < 0) this.endable = this.frame.canEnd && (!this.parent || this.parent.canEnd()) ? 1 : 0;
    return this.endable === 1;
  }

  /** The shortest bytes that finish the document (memoised: frames and stacks never change). */
  closing(): string {
    this.closeText ??= this.frame.closing() + (this.parent ? this.parent.closing() : '');
    return this.closeText;
  }

  key(): string {
    this.exactKey ??= this.frame.key() + (this.parent ? `/${this.parent.key()}` : '');
    return this.exactKey;
  }

  maskKey(clamp: number): string {
    this.clampedKey ??= this.frame.maskKey(clamp) + (this.parent ? `/${this.parent.maskKey(clamp)}` : '');
    return this.clampedKey;
  }
}

export type Thread = Stack | null;
export type AutomatonState = readonly Thread[];

export function startFrames(node: SchemaNode, out: Frame[] = []): Frame[] {
  switch (node.kind) {
    case 'object':
      out.push(new ObjectFrame(node));
      break;
    case 'free_object':
      out.push(new FreeObjectFrame(node));
      break;
    case 'array':
      out.push(new ArrayFrame(node));
      break;
    case 'string':
      out.push(new StringFrame(node));
      break;
    case 'number':
      out.push(new NumberFrame(node));
      break;
    case 'literal':
      out.push(new LiteralFrame(node));
      break;
    case 'union':
      for (const option of node.options) startFrames(option, out);
      break;
    case 'ref':
      if (node.target) startFrames(node.target, out);
  }
  return out;
}

export function initialState(root: SchemaNode): AutomatonState {
  return startFrames(root).map((frame) => new Stack(frame, null));
}

function feed(stack: Stack | null, byte: number, out: Thread[]): void {
  if (stack) follow(stack, stack.frame.step(byte), byte, out);
}

function follow(stack: Stack, result: StepResult, byte: number, out: Thread[]): void {
  if (result === null) return;
  if (Array.isArray(result)) {
    for (const each of result as readonly StepResult[]) follow(stack, each, byte, out);
    return;
  }
  if (result === DELEGATE) {
    feed(stack.parent, byte, out);
    return;
  }
  if (result === POP) {
    out.push(stack.parent);
    return;
  }
  if (!(result instanceof Push)) {
    const frame = result as Frame;
    out.push(frame === stack.frame ? stack : new Stack(frame, stack.parent));
    return;
  }
  const base = result.next ? new Stack(result.next, stack.parent) : stack.parent;
  for (const frame of startFrames(result.node)) {
    const child = new Stack(frame, base);
    if (result.consumed) out.push(child);
    else feed(child, byte, out);
  }
}

const DEAD: AutomatonState = Object.freeze([]);

/** The state after `byte`; empty when the byte is not allowed. */
export function stepByte(state: AutomatonState, byte: number): AutomatonState {
  if (state.length === 1) {
    // The hot path of mask walks: one thread whose frame absorbs the byte unchanged (string content).
    const top = state[0];
    if (!top) return DEAD;
    const result = top.frame.step(byte);
    if (result === top.frame) return state;
    const out: Thread[] = [];
    follow(top, result, byte, out);
    return out;
  }
  const out: Thread[] = [];
  for (const thread of state) feed(thread, byte, out);
  return out;
}

export function stepBytes(state: AutomatonState, bytes: Uint8Array): AutomatonState {
  let current: AutomatonState = state;
  for (let i = 0; i < bytes.length && current.length > 0; i++) current = stepByte(current, bytes[i]!);
  return current.length > 1 ? dedupe(current) : current;
}

export function dedupe(state: AutomatonState): AutomatonState {
  const seen = new Map<string, Thread>();
  for (const thread of state) seen.set(thread ? thread.key() : '$', thread);
  return [...seen.values()];
}

function threadCanEnd(thread: Thread): boolean {
  return thread === null || thread.canEnd();
}

/** The text so far is a complete document (it may still be extendable, like a top-level number). */
export function isAccepting(state: AutomatonState): boolean {
  return state.some(threadCanEnd);
}

/** The document is finished and nothing may follow. */
export function isFinished(state: AutomatonState): boolean {
  return state.length > 0 && state.every((thread) => thread === null);
}

/** The thread with the shortest closing. */
export function closestThread(state: AutomatonState): Thread {
  let best: Thread = null;
  let bestLength = Infinity;
  for (const thread of state) {
    const length = thread ? (threadCanEnd(thread) ? 0 : thread.closingLength()) : 0;
    if (length < bestLength) {
      bestLength = length;
      best = thread;
    }
  }
  return best;
}

export function closingLength(state: AutomatonState): number {
  if (state.length === 1) {
    const thread = state[0]!;
    return thread && !thread.canEnd() ? thread.closingLength() : 0;
  }
  const thread = closestThread(state);
  return thread && !threadCanEnd(thread) ? thread.closingLength() : 0;
}

/** Shortest bytes that complete the document from this state. */
export function closingText(state: AutomatonState): string {
  const thread = closestThread(state);
  return thread && !threadCanEnd(thread) ? thread.closing() : '';
}

export function stateMaskKey(state: AutomatonState, clamp: number): string {
  if (state.length === 1) return state[0] ? state[0].maskKey(clamp) : '$';
  return state.map((thread) => (thread ? thread.maskKey(clamp) : '$')).join('|');
}
