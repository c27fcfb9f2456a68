// One level of the byte automaton's stack: a value being matched. Frames are immutable so states can
// be shared, compared by key and cached; containers never build their children, they name the child's
// schema node in `push` and the automaton instantiates it.
import type { SchemaNode } from '../schema-ir.ts';

/** The byte was consumed (`next` null: the frame's value is finished) and a child value starts. */
export class Push {
  readonly next: Frame | null;
  readonly node: SchemaNode;
  /** False when the byte must be fed to the child (the byte that starts an array item). */
  readonly consumed: boolean;

  constructor(next: Frame | null, node: SchemaNode, consumed = true) {
    this.next = next;
    this.node = node;
    this.consumed = consumed;
  }
}

/** The byte was consumed and finished the frame's value. */
export const POP = 'pop' as const;

/** The frame's value ended just before this byte (a number or literal followed by `,`): the parent gets it. */
export const DELEGATE = 'delegate' as const;

/**
 * A Frame: the byte was consumed and the frame continues as that frame (possibly itself). An array: the
 * byte starts several alternatives at once (a key that may be declared or belong to an extra class),
 * each followed as its own thread.
 */
export type StepResult = Frame | Push | typeof POP | typeof DELEGATE | null | readonly StepResult[];

export interface Frame {
  step(byte: number): StepResult;
  /** True when the value may end here, the next byte belonging to the parent. */
  readonly canEnd: boolean;
  /** Shortest bytes that finish this frame's value (binary string). */
  closing(): string;
  /** Exact identity. */
  key(): string;
  /**
   * Identity up to counts that cannot matter within `clamp` bytes (the longest token): states with the
   * same mask key allow the same tokens, so they share one cached mask.
   */
  maskKey(clamp: number): string;
}

export function clampCount(value: number, clamp: number): string {
  return value >= clamp ? 'c' : String(value);
}
