// Live collections kept by id, without React: what the subscription hooks build on.

export interface DeltaPayload<T> {
  snapshot: boolean;
  removed: string[];
  at: string;
  items: T[];
}

export function applyDelta<T extends { id: string }>(
  current: Map<string, T>,
  message: DeltaPayload<T>,
): Map<string, T> {
  const next = message.snapshot ? new Map<string, T>() : new Map(current);
  for (const id of message.removed) next.delete(id);
  for (const item of message.items) next.set(item.id, item);
  return next;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Keeps the items in id order. Sorting a thousand ids on every delta showed up in the wallboard
 * bench, so the order is recomputed only when ids come or go; a delta that only changes known items
 * reuses it.
 */
export class OrderedStore<T extends { id: string }> {
  private map = new Map<string, T>();
  private order: string[] = [];

  apply(message: DeltaPayload<T>): T[] {
    const before = this.map.size;
    this.map = applyDelta(this.map, message);
    // Without a snapshot or removals, a new id can only show as a larger map.
    const membershipChanged = message.snapshot || message.removed.length > 0 || this.map.size !== before;
    if (membershipChanged) this.order = [...this.map.keys()].sort(collator.compare);
    const items: T[] = [];
    for (const id of this.order) {
      const item = this.map.get(id);
      if (item !== undefined) items.push(item);
    }
    return items;
  }
}

/**
 * Deltas waiting for the screen, coalesced by id: the hooks hand React at most `max` changed items
 * per animation frame. A hundred agent changes in one render made one task of style, layout and
 * paint for a hundred tiles (the wallboard bench's longest tasks); a few frames of 25 stay short.
 * Coalescing keeps the queue no larger than the collection itself, even while the tab is hidden
 * and frames do not run.
 */
export class DeltaQueue<T extends { id: string }> {
  private snapshot: DeltaPayload<T> | undefined;
  private readonly items = new Map<string, T>();
  private readonly removed = new Set<string>();
  private at = "";

  push(message: DeltaPayload<T>): void {
    this.at = message.at;
    if (message.snapshot) {
      this.snapshot = message;
      this.items.clear();
      this.removed.clear();
      return;
    }
    for (const id of message.removed) {
      this.items.delete(id);
      this.removed.add(id);
    }
    for (const item of message.items) {
      this.removed.delete(item.id);
      this.items.set(item.id, item);
    }
  }

  get pending(): boolean {
    return this.snapshot !== undefined || this.items.size > 0 || this.removed.size > 0;
  }

  /** The next part to apply: a waiting snapshot whole, else every removal and up to `max` items. */
  take(max: number): DeltaPayload<T> | undefined {
    if (!Number.isInteger(max) || max < 1)
      throw new Error(`DeltaQueue.take: max must be a positive integer, got ${max}`);
    const snapshot = this.snapshot;
    if (snapshot !== undefined) {
      this.snapshot = undefined;
      return { ...snapshot, at: this.pending ? snapshot.at : this.at };
    }
    if (!this.pending) return undefined;
    const items: T[] = [];
    for (const [id, item] of this.items) {
      if (items.length === max) break;
      items.push(item);
      this.items.delete(id);
    }
    const removed = [...this.removed];
    this.removed.clear();
    return { snapshot: false, removed, at: this.at, items };
  }
}
