import type { StarboardEvent } from "../events/index";
import {
  type EventParseError,
  type ParseResult,
  parseEventJson,
  partitionKey,
  serializeEvent,
  topicFor,
  validateEvent,
} from "../events/index";
import { eventsIn, labelledChildren } from "../ops/metrics";
import { catalogFingerprint, checkedHeader } from "./checked";
import { RecordRejectedError } from "./errors";
import { checkedEventIsOwnCopy, checkedEventStandsForBytes } from "./own-copy";
import type { EventLog, LogRecord, OutgoingRecord, PublishAck } from "./types";

/**
 * Validates every event against its schema before anything is written, so a bad event is refused
 * at the door with its path and reason instead of surfacing later in a consumer. All or nothing:
 * one invalid event rejects the call.
 *
 * What is written is the event the checks returned (its keys in the schemas' order, id, type,
 * version and time first), marked with the catalog that checked it (checked.ts): a consumer with
 * the same catalog reads the envelope from the bytes instead of parsing and checking them again.
 */
export async function publishEvents(log: EventLog, events: readonly StarboardEvent[]): Promise<PublishAck[]> {
  const byTopic = new Map<string, { index: number; record: OutgoingRecord }[]>();
  const bySource = new SourceTally();
  const checkedBy = catalogFingerprint();
  events.forEach((event, index) => {
    const checked: ParseResult = checkedForPublish.has(event) ? { ok: true, event } : validateEvent(event);
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
        value: serializeEvent(checked.event),
        headers: { "event-type": event.type, [checkedHeader]: checkedBy },
        ...(checkedEventIsOwnCopy(checked.event) ? { checkedEvent: checked.event } : {}),
      },
    });
    bySource.add(event.source);
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
  // Every producer publishes through here: starboard_events_in_total counts what became durable.
  bySource.flush();
  return acks;
}

/** Events checkEventForPublish returned: checked, and frozen through, so still as checked. */
const checkedForPublish = new WeakSet<StarboardEvent>();

/**
 * Checks an event as publishEvents does, for a producer that must know before it publishes (the
 * ESL mapper dead-letters the frame whose event fails). The event returned is the checked one,
 * frozen through and through, and publishEvents takes it as it is instead of checking it again
 * (the ESL events' second check was ~3% of the platform's main thread in the load bench). Not
 * frozen or remembered for a type whose checks pass the producer's own objects through
 * (own-copy.ts): freezing those would freeze the producer's; publishEvents checks them again.
 */
export function checkEventForPublish(event: StarboardEvent): ParseResult {
  const checked = validateEvent(event);
  if (checked.ok && checkedEventIsOwnCopy(checked.event)) {
    freezeThrough(checked.event);
    checkedForPublish.add(checked.event);
  }
  return checked;
}

function freezeThrough(value: object): void {
  Object.freeze(value);
  for (const child of Object.values(value)) {
    if (typeof child === "object" && child !== null) freezeThrough(child);
  }
}

const eventsInFrom = labelledChildren((source) => eventsIn.labels(source));

/** Counts a call's events per source: a producer's batch is usually one source, so one map entry. */
class SourceTally {
  private readonly counts = new Map<string, number>();
  private last = "";
  private run = 0;

  add(source: string): void {
    if (source === this.last) {
      this.run++;
      return;
    }
    this.settle();
    this.last = source;
    this.run = 1;
  }

  flush(): void {
    this.settle();
    for (const [source, n] of this.counts) eventsInFrom(source).inc(n);
  }

  private settle(): void {
    if (this.run > 0) this.counts.set(this.last, (this.counts.get(this.last) ?? 0) + this.run);
    this.run = 0;
  }
}

export type DecodedEvent = { ok: true; event: StarboardEvent } | { ok: false; error: EventParseError };

/**
 * Recent decodes by the record's value buffer. In one process the sink, the router, the QA scanner
 * and the API's live feed read the same records, and the in-process log hands every one of them
 * the same buffer from its tail cache: each event is parsed and checked once instead of four
 * times (parsing was the largest single cost of a one-process soak). Bounded, oldest out first:
 * consumers near the tail meet the same records within seconds of each other. Kafka consumers get
 * their own buffers and simply miss.
 */
const recentDecodes = new Map<Uint8Array, DecodedEvent>();
// Eviction order kept in a ring, not by iterating the map from its front: a map whose oldest keys are
// deleted keeps their slots until it rehashes, and `keys().next()` walked them (~4 us per decode).
const recentDecodeKeys: (Uint8Array | undefined)[] = new Array(16_384);
let recentDecodeNext = 0;

/**
 * A consumer's first step: the record's bytes as a typed event, or the precise reason they are not
 * one. The event may be shared with other consumers of the same record: it is frozen (envelope and
 * data) so none of them can change what the others see.
 *
 * `keep: false` takes a decode another consumer already kept but does not keep its own: for a
 * consumer that only converts and drops the event (the warehouse sink). Keeping costs a map entry
 * (~2 us per event here, measured) and holds the event for the next 16,384 decodes, long enough
 * that it survives into the old generation; a sink reading a backlog pays both for nothing.
 */
export function decodeEventRecord(record: Pick<LogRecord, "value">, keep = true): DecodedEvent {
  const cached = recentDecodes.get(record.value);
  if (cached !== undefined) return cached;
  if (!keep) return parseEventJson(record.value);
  const decoded = parseEventJson(record.value);
  remember(record.value, decoded);
  return decoded;
}

/**
 * An in-process log's step when it appends a record publishEvents wrote: the event its checks
 * returned becomes the decode of the buffer the consumers will be handed, so none of them parses
 * and checks the bytes again (parse, check and freeze were ~7.5% of the platform's main thread in
 * the load bench, paid by whichever consumer met the record first). The bytes are that event
 * serialized, and parsing and checking them gives an equal event (checked-decode.test.ts checks
 * it for every example event).
 */
export function rememberChecked(value: Uint8Array, event: StarboardEvent): void {
  // Its walk over the event is done here, for the records a group reads, not by every publish.
  if (checkedEventStandsForBytes(event)) remember(value, { ok: true, event });
}

function remember(value: Uint8Array, decoded: DecodedEvent): void {
  if (decoded.ok) {
    Object.freeze(decoded.event.data);
    Object.freeze(decoded.event);
  }
  const evicted = recentDecodeKeys[recentDecodeNext];
  if (evicted !== undefined) recentDecodes.delete(evicted);
  recentDecodeKeys[recentDecodeNext] = value;
  recentDecodeNext = (recentDecodeNext + 1) % recentDecodeKeys.length;
  recentDecodes.set(value, decoded);
}
