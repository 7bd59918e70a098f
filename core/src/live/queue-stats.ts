// Intraday queue figures from the same counts and functions as the SQL reports (core/src/metrics),
// so the wallboard and a report over the same contacts agree to the digit.

import type { StarboardEvent } from "../events/index";
import {
  abandonRate,
  asa,
  countContact,
  defaultServiceLevel,
  emptyCounts,
  type QueueCounts,
  RollingMean,
} from "../metrics/index";

const HANDLE_WINDOW = 100;

export class QueueStats {
  private readonly counts = new Map<string, QueueCounts>();
  private readonly handle = new Map<string, RollingMean>();

  constructor(private readonly thresholdFor: (queueId: string) => number) {}

  get(queueId: string): QueueCounts {
    let c = this.counts.get(queueId);
    if (c === undefined) {
      c = emptyCounts({ thresholdSeconds: this.thresholdFor(queueId) });
      this.counts.set(queueId, c);
    }
    return c;
  }

  private put(queueId: string, c: QueueCounts): void {
    this.counts.set(queueId, c);
  }

  handleMean(queueId: string): RollingMean {
    let m = this.handle.get(queueId);
    if (m === undefined) {
      m = new RollingMean(HANDLE_WINDOW);
      this.handle.set(queueId, m);
    }
    return m;
  }

  reset(): void {
    this.counts.clear();
  }

  /**
   * A contact is counted when it leaves the queue: connect (handled, its wait), abandon, overflow.
   * Handle seconds arrive with contact.ended and are added to the same sums the report adds.
   */
  apply(e: StarboardEvent, ms: number, queueOf: (contactId: string | undefined) => string | undefined): void {
    switch (e.type) {
      case "contact.connected": {
        const q = e.data.queueId ?? queueOf(e.contactId);
        if (q !== undefined)
          this.put(
            q,
            countContact(this.get(q), { queuedAt: ms, connectedAt: ms, waitSeconds: e.data.waitSeconds }),
          );
        return;
      }
      case "contact.abandoned":
        this.put(
          e.data.queueId,
          countContact(this.get(e.data.queueId), {
            queuedAt: ms,
            abandonedAt: ms,
            waitSeconds: e.data.waitSeconds,
          }),
        );
        return;
      case "router.decision":
        if (e.data.kind === "overflow") {
          const q = e.data.fromQueueId;
          this.put(
            q,
            countContact(this.get(q), { queuedAt: ms, flowedOutAt: ms, waitSeconds: e.data.waitSeconds }),
          );
        }
        return;
      case "contact.callback-requested": {
        const c = { ...this.get(e.data.queueId) };
        c.callbackRequested += 1;
        this.put(e.data.queueId, c);
        return;
      }
      case "contact.ended": {
        const q = e.data.queueId ?? queueOf(e.contactId);
        if (q === undefined || e.data.outcome !== "handled") return;
        const c = { ...this.get(q) };
        c.talkSecondsSum += e.data.talkSeconds;
        c.holdSecondsSum += e.data.holdSeconds;
        c.wrapupSecondsSum += e.data.wrapupSeconds;
        c.handleSecondsSum += e.data.talkSeconds + e.data.holdSeconds + e.data.wrapupSeconds;
        this.put(q, c);
        this.handleMean(q).add(e.data.talkSeconds + e.data.holdSeconds + e.data.wrapupSeconds);
        return;
      }
      default:
        return;
    }
  }

  /** Contacts still waiting are offered too (DESIGN: offered = entered the queue). */
  figures(
    queueId: string,
    waitingNow: number,
  ): { serviceLevel: number | null; asa: number | null; abandonRate: number | null; counts: QueueCounts } {
    const c = { ...this.get(queueId) };
    c.offered += waitingNow;
    return { serviceLevel: defaultServiceLevel(c), asa: asa(c), abandonRate: abandonRate(c), counts: c };
  }
}
