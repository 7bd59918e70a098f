import type { RecognizeCustomer, StarboardEvent } from "@starboard/core";
import type { CallTable, LiveCall } from "./call-table";
import { microsToIso } from "./fs-time";
import type { FsHeaders } from "./headers";

/** One FreeSWITCH event's fate: Starboard events, nothing (with why), or the dead-letter topic. */
export type MapResult =
  | { kind: "ok"; events: StarboardEvent[] }
  | { kind: "drop"; reason: string }
  | { kind: "dlq"; reason: string };

export interface MapperOptions {
  /** Envelope `source`, e.g. "esl:fs1". */
  source: string;
  tenant: string;
  /** mod_callcenter does not put the agent's ring timeout on agent-offering; the configured one. */
  ringTimeoutSeconds: number;
  /**
   * Caller recognition (the customer directory): who is calling, by caller number. The answer goes
   * on the events themselves (customerId on contact.created, customerTier on contact.queued), so a
   * replay of the log routes the same way whatever the directory says later.
   */
  recognize?: RecognizeCustomer;
}

export interface RecognizedCustomer {
  customerId: string;
  tier?: string;
}

export interface MapContext {
  readonly options: MapperOptions;
  readonly calls: CallTable;
  readonly headers: FsHeaders;
  /** Event-Date-Timestamp in microseconds (validated before any handler runs). */
  readonly micros: number;
}

export const drop = (reason: string): MapResult => ({ kind: "drop", reason });
export const dlq = (reason: string): MapResult => ({ kind: "dlq", reason });
export const ok = (...events: StarboardEvent[]): MapResult => ({ kind: "ok", events });

/**
 * Ids are derived, never random: the same FreeSWITCH fact yields the same id on a replay, after a
 * reconnect's resync, or when two paths report it, so sinks dedupe it. Once-per-contact facts are
 * keyed by contact (and agent/queue); repeatable ones (hold, resume) also by their source timestamp.
 */
export function eventId(contactId: string, type: string, ...parts: (string | number)[]): string {
  const id = ["esl", contactId, type, ...parts].join(":");
  return id.length <= 128 ? id : id.slice(0, 128);
}

/** The envelope fields every mapped contact event shares. */
export function envelope(ctx: MapContext, contactId: string, micros = ctx.micros) {
  return {
    version: 1 as const,
    time: microsToIso(micros),
    tenant: ctx.options.tenant,
    source: ctx.options.source,
    channel: "voice" as const,
    contactId,
  };
}

/** Looks the caller up once, when the contact is first seen; anonymous callers are nobody. */
export function recognizeCaller(ctx: MapContext, call: LiveCall): void {
  if (call.from === "anonymous" || ctx.options.recognize === undefined) return;
  const customer = ctx.options.recognize(call.from);
  if (customer !== undefined)
    call.customer = {
      customerId: customer.id,
      ...(customer.tier === undefined ? {} : { tier: customer.tier }),
    };
}

/** contact.created's data, with the recognized customer when there is one. */
export function createdData(call: LiveCall) {
  return {
    direction: call.direction,
    from: call.from,
    to: call.to,
    entryPoint: call.to,
    ...(call.customer === undefined ? {} : { customerId: call.customer.customerId }),
    ...(call.customer?.tier === undefined ? {} : { customerTier: call.customer.tier }),
  };
}
