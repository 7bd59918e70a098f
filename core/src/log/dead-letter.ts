import { deadLetters, labelledChildren } from "../ops/metrics";
import type { DeadLetterReason, LogRecord, OutgoingRecord } from "./types";

/** Header names on a dead-letter record; the original headers are kept beside them. */
export const DeadLetterHeaders = {
  reason: "x-dead-letter-reason",
  step: "x-dead-letter-step",
  time: "x-dead-letter-time",
  topic: "x-dead-letter-topic",
  partition: "x-dead-letter-partition",
  offset: "x-dead-letter-offset",
  group: "x-dead-letter-group",
} as const;

const maxReasonLength = 2_000;

// Every dead-letter record is made by one of the two functions below just before it is published:
// starboard_dead_letter_total is counted here, once, by the step that refused it.
const deadLettersAt = labelledChildren((step) => deadLetters.labels(step));

/** The original bytes and key, plus where it came from and why it was refused. */
export function deadLetterRecord(
  record: LogRecord,
  why: DeadLetterReason,
  groupId: string,
  now: Date = new Date(),
): OutgoingRecord {
  deadLettersAt(why.step).inc();
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [DeadLetterHeaders.reason]: why.reason.slice(0, maxReasonLength),
      [DeadLetterHeaders.step]: why.step,
      [DeadLetterHeaders.time]: now.toISOString(),
      [DeadLetterHeaders.topic]: record.topic,
      [DeadLetterHeaders.partition]: String(record.partition),
      [DeadLetterHeaders.offset]: String(record.offset),
      [DeadLetterHeaders.group]: groupId,
    },
  };
}

/** A record refused before it ever reached a topic (a gateway's bad body): no source position. */
export function rejectedInputRecord(
  key: string,
  value: Uint8Array | string,
  why: DeadLetterReason,
  now: Date = new Date(),
): OutgoingRecord {
  deadLettersAt(why.step).inc();
  return {
    key,
    value,
    headers: {
      [DeadLetterHeaders.reason]: why.reason.slice(0, maxReasonLength),
      [DeadLetterHeaders.step]: why.step,
      [DeadLetterHeaders.time]: now.toISOString(),
    },
  };
}
