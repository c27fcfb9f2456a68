// Row masks crossing to the decoder worker. A constraint's cached mask lists (one per automaton state)
// are sent once and then named by id: the main thread tracks which lists the worker holds, least
// recently used first, and tells it what to forget, so the worker's copy stays bounded and never stale.
import type { LogitsMask, MaskList } from '../kernels/logits-mask.ts';
import type { RowMasks } from './decoder-state.ts';
import type { MaskListUpdate, RowMaskFields, WireMask } from './runner-protocol.ts';

const NO_IDS = new Int32Array(0);

/** Lists the worker keeps at most (a 128k-vocabulary list is at most 256 KB). */
export const WORKER_MASK_LISTS = 256;

export class MaskListSender {
  private readonly ids = new WeakMap<MaskList, number>();
  /** Ids the worker holds, least recently used first. */
  private readonly held = new Map<number, true>();
  private nextId = 1;
  private readonly capacity: number;

  constructor(capacity = WORKER_MASK_LISTS) {
    this.capacity = Math.max(1, capacity);
  }

  /** The wire form of one step's row masks plus the list updates the worker needs first. */
  encode(masks: RowMasks): RowMaskFields {
    const lists: MaskListUpdate = { forget: [], add: [] };
    const wire = masks.map((mask) => (mask ? this.encodeOne(mask, lists) : null));
    return { masks: wire, lists };
  }

  private encodeOne(mask: LogitsMask, lists: MaskListUpdate): WireMask {
    if (mask.kind !== 'list') return mask;
    let id = this.ids.get(mask.list);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(mask.list, id);
    }
    if (this.held.delete(id)) {
      this.held.set(id, true);
    } else {
      // Evict before adding; lists used earlier in this step were just refreshed, so they are never the oldest.
      while (this.held.size >= this.capacity) {
        const oldest = this.held.keys().next().value as number;
        this.held.delete(oldest);
        lists.forget.push(oldest);
      }
      this.held.set(id, true);
      // A list with disallowed ids is applied by those alone (mask-apply.ts): its allowed ids, about the
      // whole vocabulary, are not sent (nor built, for a mask that holds them lazily).
      const { disallowed } = mask.list;
      lists.add.push({ id, allowed: disallowed ? NO_IDS : mask.list.allowed, disallowed });
    }
    return { kind: 'list', listId: id, size: mask.size, keep: mask.keep, drop: mask.drop };
  }
}

/** The worker's side: applies list updates and turns wire masks back into row masks. */
export class MaskListStore {
  private readonly lists = new Map<number, MaskList>();

  decode(fields: RowMaskFields): RowMasks {
    for (const id of fields.lists.forget) this.lists.delete(id);
    for (const { id, allowed, disallowed } of fields.lists.add) this.lists.set(id, { allowed, disallowed });
    return fields.masks.map((mask): LogitsMask | null => {
      if (mask?.kind !== 'list') return mask;
      const list = this.lists.get(mask.listId);
      if (!list) throw new Error(`mask list ${mask.listId} is not held by the decoder worker`);
      return { kind: 'list', list, size: mask.size, keep: mask.keep, drop: mask.drop };
    });
  }

  get size(): number {
    return this.lists.size;
  }
}
