import {
  type EventLog,
  publishEvents,
  RecordRejectedError,
  rejectedInputRecord,
  Topics,
} from "@starboard/core";
import { DeliveryWindow } from "./deliveries";
import {
  type GatewayOutcome,
  gatewayOutcomes,
  ok,
  type PayloadMapper,
  type Refusal,
  refuse,
  type Step,
} from "./step";

export interface IntakeOptions {
  log: EventLog;
  source: string;
  tenant?: string;
  replayWindowSeconds?: number;
}

/**
 * What the webhook and the socket path share once a sender is authenticated: replay check, the
 * payload mapper, publishEvents, counters and the dead-letter topic. One instance per gateway, so
 * a delivery id accepted over HTTP is a replay over the socket and the counters add up.
 */
export class Intake {
  readonly counters = Object.fromEntries(gatewayOutcomes.map((o) => [o, 0])) as Record<
    GatewayOutcome,
    number
  >;
  readonly deliveries: DeliveryWindow;
  /** Delivery ids being published: the window learns an id only after publish, so guard the gap. */
  private readonly pending = new Set<string>();

  constructor(private readonly options: IntakeOptions) {
    this.deliveries = new DeliveryWindow(options.replayWindowSeconds ?? 300);
  }

  /**
   * Map and publish one payload. The delivery id is remembered only after publishEvents resolved,
   * so a delivery refused with log-unavailable can be retried under the same id. `pathPrefix`
   * places the mapper's path inside a wrapping message ("event.").
   */
  async deliver(
    payload: unknown,
    mapper: PayloadMapper,
    delivery: { id: string; timestampSeconds: number },
    pathPrefix = "",
  ): Promise<Step<string[]>> {
    if (this.pending.has(delivery.id))
      return refuse(409, "replayed", `delivery ${delivery.id} is already being accepted`);
    this.pending.add(delivery.id);
    try {
      return await this.publish(payload, mapper, delivery, pathPrefix);
    } finally {
      this.pending.delete(delivery.id);
    }
  }

  private async publish(
    payload: unknown,
    mapper: PayloadMapper,
    delivery: { id: string; timestampSeconds: number },
    pathPrefix: string,
  ): Promise<Step<string[]>> {
    const mapped = mapper(payload, { source: this.options.source, tenant: this.options.tenant ?? "default" });
    if (mapped.kind === "invalid") {
      const path = mapped.path === "" ? pathPrefix.replace(/\.$/, "") : `${pathPrefix}${mapped.path}`;
      return refuse(422, "invalid-payload", mapped.reason, { path, deadLetter: true });
    }
    try {
      await publishEvents(this.options.log, mapped.events);
    } catch (error) {
      // The mapper let through what the event schema refuses: still the sender's bytes, still a 422.
      if (error instanceof RecordRejectedError)
        return refuse(422, "invalid-payload", error.message, { deadLetter: true });
      return refuse(503, "log-unavailable", "event log unavailable, retry");
    }
    this.deliveries.remember(delivery.id, delivery.timestampSeconds);
    this.counters.accepted += 1;
    return ok(mapped.events.map((e) => e.id));
  }

  /** Count a refusal; bad authenticated bytes go to the dead-letter topic with `path: reason`. */
  async record(refusal: Refusal, raw?: Buffer, deliveryId?: string): Promise<void> {
    this.counters[refusal.outcome] += 1;
    if (!refusal.deadLetter || raw === undefined) return;
    const reason = refusal.path === undefined ? refusal.reason : `${refusal.path}: ${refusal.reason}`;
    await this.options.log.publish(Topics.deadLetter, [
      rejectedInputRecord(deliveryId ?? this.options.source, raw, {
        reason,
        step: `${this.options.source}.${refusal.outcome}`,
      }),
    ]);
  }
}
