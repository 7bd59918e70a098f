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
