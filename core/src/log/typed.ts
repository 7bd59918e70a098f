import type { StarboardEvent } from "../events/index";
import {
  type EventParseError,
  parseEventJson,
  partitionKey,
  serializeEvent,
  topicFor,
  validateEvent,
} from "../events/index";
import { RecordRejectedError } from "./errors";
import type { EventLog, LogRecord, OutgoingRecord, PublishAck } from "./types";

/**
 * Validates every event against its schema before anything is written, so a bad event is refused
 * at the door with its path and reason instead of surfacing later in a consumer. All or nothing:
 * one invalid event rejects the call.
 */
export async function publishEvents(log: EventLog, events: readonly StarboardEvent[]): Promise<PublishAck[]> {
  const byTopic = new Map<string, { index: number; record: OutgoingRecord }[]>();
  events.forEach((event, index) => {
    const checked = validateEvent(event);
    if (!checked.ok) throw new RecordRejectedError(index, checked.error.path, checked.error.reason);
    const topic = topicFor(event);
    let list = byTopic.get(topic);
    if (list === undefined) {
      list = [];
      byTopic.set(topic, list);
    }
    list.push({
      index,
      record: {
        key: partitionKey(event),
        value: serializeEvent(event),
        headers: { "event-type": event.type },
      },
    });
  });
  const acks: PublishAck[] = new Array(events.length);
  for (const [topic, list] of byTopic) {
    const topicAcks = await log.publish(
      topic,
      list.map((l) => l.record),
    );
    list.forEach((l, i) => {
      acks[l.index] = topicAcks[i] as PublishAck;
    });
  }
  return acks;
}

export type DecodedEvent = { ok: true; event: StarboardEvent } | { ok: false; error: EventParseError };

/** A consumer's first step: the record's bytes as a typed event, or the precise reason they are not one. */
export function decodeEventRecord(record: LogRecord): DecodedEvent {
  return parseEventJson(record.value);
}
