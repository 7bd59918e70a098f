import type { StarboardEvent } from "@starboard/core";
import type { CallTable } from "./call-table";
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
