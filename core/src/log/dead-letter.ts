import { Topics } from "../events/topics";
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

// starboard_dead_letter_total counts what is durable on the dead-letter topic, so both adapters count
// after the append or the broker's ack: a publish that failed and was retried counts once, not twice.
const deadLettersAt = labelledChildren((step) => deadLetters.labels(step));

/** Called by an adapter once records on `topic` are durable: dead letters counted by refusing step. */
export function countDurableDeadLetters(topic: string, records: readonly OutgoingRecord[]): void {
  if (topic !== Topics.deadLetter) return;
  for (const record of records) deadLettersAt(record.headers?.[DeadLetterHeaders.step] ?? "unknown").inc();
}

/** The original bytes and key, plus where it came from and why it was refused. */
export function deadLetterRecord(
  record: LogRecord,
  why: DeadLetterReason,
  groupId: string,
  now: Date = new Date(),
): OutgoingRecord {
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
