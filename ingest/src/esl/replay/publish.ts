import { type EventLog, publishEvents, rejectedInputRecord, Topics } from "@starboard/core";
import type { ReplayResult } from "./replay";

/** Bounded so a large capture is written in several durable steps instead of one huge transaction. */
const batchSize = 1_000;

export interface ReplayPublished {
  events: number;
  deadLettered: number;
}

/**
 * A replayed capture onto the log, the way the live adapter would have put it there: events on the
 * events topic (their ids are derived, so a second replay is deduplicated by every sink) and each
 * refusal on the dead-letter topic with its step and reason: bad input is never silently dropped.
 */
export async function publishReplay(log: EventLog, result: ReplayResult): Promise<ReplayPublished> {
  for (let at = 0; at < result.events.length; at += batchSize) {
    await publishEvents(log, result.events.slice(at, at + batchSize));
  }
  if (result.rejected.length > 0) {
    await log.publish(
      Topics.deadLetter,
      result.rejected.map((r) => rejectedInputRecord(r.key, r.raw, { reason: r.reason, step: r.step })),
    );
  }
  return { events: result.events.length, deadLettered: result.rejected.length };
}
