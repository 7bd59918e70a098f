import { IdWindow } from "./id-window";
import { ok, refuse, type Step } from "./step";

/**
 * Replay protection: a timestamp outside the window is stale; inside it, a delivery id seen
 * before is a replay. Ids are kept only as long as the window, since older ones fail as stale.
 */
export class DeliveryWindow {
  private readonly seen = new IdWindow();

  constructor(private readonly windowSeconds = 300) {}

  check(deliveryId: string, timestampSeconds: number, nowMs: number): Step<void> {
    const nowSeconds = nowMs / 1000;
    if (Math.abs(nowSeconds - timestampSeconds) > this.windowSeconds) {
      return refuse(401, "stale", `timestamp is more than ${this.windowSeconds} s from now`);
    }
    this.expire(nowSeconds);
    if (this.seen.has(deliveryId))
      return refuse(409, "replayed", `delivery ${deliveryId} was already accepted`);
    return ok(undefined);
  }

  /** Only after the events are on the log: a failed publish must be retryable with the same id. */
  remember(deliveryId: string, timestampSeconds: number): void {
    this.seen.add(deliveryId, timestampSeconds);
  }

  /** Ids remembered now (those of the last window), and the bytes they take. */
  get size(): number {
    return this.seen.size;
  }

  get bytes(): number {
    return this.seen.bytes;
  }

  private expire(nowSeconds: number): void {
    // In the order they were remembered, as before: the first one still inside the window stops it.
    for (let at = this.seen.oldest(); at !== undefined; at = this.seen.oldest()) {
      if (nowSeconds - at <= this.windowSeconds) break;
      this.seen.dropOldest();
    }
  }
}
