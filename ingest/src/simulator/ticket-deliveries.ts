import { maxTicketBatch } from "../tickets/map";
import type { WebhookSender } from "./outbox";

/**
 * The ticketing system's webhook deliveries: ticket events are collected for up to `maxDelayMs` (50
 * ms of wall clock: 2.5 s of a ticket's life at --speed 50, nothing to a ticket's SLA of hours) and
 * go in one signed POST as an array (at most maxTicketBatch), in the order they were added; a lone
 * one goes as the single object most ticketing systems send. A ticket adds its next step only once
 * its last was accepted (world.ts playTicket), so each ticket's events reach the log in order.
 *
 * At --simulator load a POST per ticket event cost more of both threads than any other source for
 * its share of the events: HTTP and the signature on the generator's side, and on the platform's
 * main thread the request, the signature check and the replay window.
 */
export class TicketDeliveries {
  private pending: { body: object; delivered: () => void }[] = [];
  /** When the oldest of `pending` was added. */
  private oldestMs = 0;

  constructor(
    private readonly hooks: WebhookSender,
    private readonly url: string,
    private readonly maxDelayMs = 50,
    private readonly now: () => number = Date.now,
  ) {}

  /** Events added and not sent yet (the sender counts those in flight). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Resolves once the delivery holding it was answered (or failed: the sender counts it). */
  add(body: object): Promise<void> {
    if (this.pending.length === 0) this.oldestMs = this.now();
    return new Promise((delivered) => this.pending.push({ body, delivered }));
  }

  /**
   * Sends what was added once the oldest of it waited `maxDelayMs` or a delivery is full, or at once
   * when `all` (stopping); called after each turn of the clock.
   */
  flush(all = false): void {
    const waited = all || this.now() - this.oldestMs >= this.maxDelayMs;
    while (this.pending.length >= maxTicketBatch || (waited && this.pending.length > 0)) {
      const batch = this.pending.splice(0, maxTicketBatch);
      const body = batch.length === 1 ? (batch[0] as (typeof batch)[number]).body : batch.map((p) => p.body);
      void this.hooks.post(this.url, body).then(() => {
        for (const p of batch) p.delivered();
      });
    }
  }
}
