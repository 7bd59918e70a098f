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
