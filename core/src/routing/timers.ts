// Rules that fire after a wait (relax, overflow, callback offer, wrap-up limit) are timers on the
// router's own clock, which only moves with event time: before an event at t is applied, every
// timer due at or before t fires in (due, seq) order. Replaying the log fires the same timers.

import { IndexedHeap } from "./indexed-heap";

export type TimerKind = "relax" | "overflow" | "callback-offer" | "wrapup-limit";

export interface Timer {
  dueMs: number;
  seq: number;
  kind: TimerKind;
  /** Contact id, or agent id for wrapup-limit. */
  subject: string;
  /** The contact's queue epoch (stale if it has moved on), or the wrap-up's contact id. */
  epoch: number;
  /** Index into the queue's relax rules. */
  rule: number;
  contactId: string | undefined;
}

export class Timers {
  private readonly heap = new IndexedHeap<Timer>((a, b) =>
    a.dueMs !== b.dueMs ? a.dueMs < b.dueMs : a.seq < b.seq,
  );
  private seq = 0;

  get size(): number {
    return this.heap.size;
  }

  set(timer: Omit<Timer, "seq">): void {
    if (!Number.isFinite(timer.dueMs)) return;
    // A literal, not `{ ...timer, seq }`: a spread with more properties costs microseconds on Node 20.
    this.heap.push({
      dueMs: timer.dueMs,
      seq: this.seq++,
      kind: timer.kind,
      subject: timer.subject,
      epoch: timer.epoch,
      rule: timer.rule,
      contactId: timer.contactId,
    });
  }

  /** The next timer due at or before `ms`, removed; undefined when none is due. */
  due(ms: number): Timer | undefined {
    const top = this.heap.peek();
    if (top === undefined || top.dueMs > ms) return undefined;
    return this.heap.pop();
  }
}
