// Bad input is counted and kept for the wallboard, never thrown away silently and never allowed
// to change state: an event for an unknown agent, a duplicate, one that arrives out of order.

export const anomalyKinds = [
  "duplicate",
  "out-of-order",
  "unknown-agent",
  "unknown-queue",
  "unknown-contact",
  "unknown-command",
  "invalid-transition",
] as const;
export type AnomalyKind = (typeof anomalyKinds)[number];

export interface Anomaly {
  kind: AnomalyKind;
  eventId: string;
  eventType: string;
  detail: string;
}

const KEEP_RECENT = 100;

export class Anomalies {
  readonly counts: Record<AnomalyKind, number> = Object.fromEntries(
    anomalyKinds.map((k) => [k, 0]),
  ) as Record<AnomalyKind, number>;
  readonly recent: Anomaly[] = [];

  record(anomaly: Anomaly): void {
    this.counts[anomaly.kind] += 1;
    this.recent.push(anomaly);
    if (this.recent.length > KEEP_RECENT) this.recent.shift();
  }

  get total(): number {
    let n = 0;
    for (const kind of anomalyKinds) n += this.counts[kind];
    return n;
  }
}

/**
 * Recent event ids: a duplicate within the window is caught. Bounded, because the log is unbounded;
 * redeliveries arrive close to the original, so a window of recent ids is enough.
 */
export class DuplicateWindow {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(size: number) {
    this.ring = new Array<string | undefined>(Math.max(1, size));
  }

  /** Whether the id is remembered, without remembering it. */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** True when the id was seen before; otherwise remembers it. */
  seen(id: string): boolean {
    // add() then a size check is one hash lookup where has() then add() was two (this runs per event).
    const size = this.ids.size;
    this.ids.add(id);
    if (this.ids.size === size) return true;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.ids.delete(evicted);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.ring.length;
    return false;
  }
}
