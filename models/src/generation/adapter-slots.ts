// Which adapter each request runs with. Names map to slots of the decoder's adapter stack; a slot keeps
// its number while any request uses it, so the set can change while requests run: an adapter removed
// from the set stops taking new requests at once (unknown_adapter), and its slot is freed once the
// requests that started with it have finished. A new set is visible only after the decoder loaded it.
import { MprError } from '../../../lib/errors.ts';
import type { DecoderRunner } from '../backend/decoder-runner.ts';

/** Slot of a request without an adapter (the base model). */
export const BASE_SLOT = -1;

interface Slot {
  name: string;
  dir: string;
  /** Removed from the set; kept until its last request ends. */
  retired: boolean;
}

export class AdapterSlots {
  private readonly runner: DecoderRunner;
  private slots: (Slot | null)[] = [];
  private readonly users = new Map<number, number>();
  /** Set changes and slot releases reach the decoder one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(runner: DecoderRunner) {
    this.runner = runner;
  }

  /** Names requests may choose now. */
  names(): string[] {
    return this.slots.flatMap((slot) => (slot && !slot.retired ? [slot.name] : []));
  }

  has(name: string): boolean {
    return this.slotOf(name) !== null;
  }

  private slotOf(name: string): number | null {
    const index = this.slots.findIndex((slot) => slot !== null && !slot.retired && slot.name === name);
    return index < 0 ? null : index;
  }

  /** The slot a new request for `name` (none: the base model) runs on; counted until `release`. */
  acquire(name: string | undefined): number {
    if (name === undefined) return BASE_SLOT;
    const slot = this.slotOf(name);
    if (slot === null) {
      const known = this.names();
      throw new MprError(
        'unknown_adapter',
        `unknown adapter "${name}"; ${known.length > 0 ? `loaded adapters: ${known.join(', ')}` : 'no adapter is loaded'}`,
      );
    }
    this.users.set(slot, (this.users.get(slot) ?? 0) + 1);
    return slot;
  }

  release(slot: number): void {
    if (slot === BASE_SLOT) return;
    const left = (this.users.get(slot) ?? 1) - 1;
    if (left > 0) {
      this.users.set(slot, left);
      return;
    }
    this.users.delete(slot);
    if (this.slots[slot]?.retired) {
      this.slots[slot] = null;
      // Frees the adapter's memory in the decoder; the set it had loaded stays valid until then.
      this.push(this.slots).catch(() => undefined);
    }
  }

  /** Replaces the set (name -> PEFT directory); resolves once the decoder holds it. */
  set(adapters: Readonly<Record<string, string>>): Promise<void> {
    const next = this.slots.map((slot) => (slot ? { ...slot } : null));
    for (const [index, slot] of next.entries()) {
      if (!slot || slot.retired || adapters[slot.name] === slot.dir) continue;
      if (this.users.has(index)) slot.retired = true;
      else next[index] = null;
    }
    for (const [name, dir] of Object.entries(adapters)) {
      if (next.some((slot) => slot && !slot.retired && slot.name === name)) continue;
      const free = next.indexOf(null);
      const slot = { name, dir, retired: false };
      if (free >= 0) next[free] = slot;
      else next.push(slot);
    }
    return this.push(next).then(() => {
      // A retired slot whose requests ended while the set was loading is free now.
      this.slots = next.map((slot, index) => (slot?.retired && !this.users.has(index) ? null : slot));
    });
  }

  private push(slots: readonly (Slot | null)[]): Promise<void> {
    const run = this.queue.then(() => this.runner.setAdapterSlots(slots.map((slot) => slot?.dir ?? null)));
    this.queue = run.catch(() => undefined);
    return run;
  }
}
