import { type EventLog, type LogRecord, Topics } from "@starboard/core";
import { sign } from "../../src/http/signature";

export const secret = "test-secret";
let delivery = 0;

/** A signed POST as a sender would make it; overrides break one thing at a time. */
export function post(
  url: string,
  body: string | object,
  o: { secret?: string; timestamp?: number; deliveryId?: string; unsigned?: boolean } = {},
): Promise<Response> {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const deliveryId = o.deliveryId ?? `d-${process.pid}-${++delivery}`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (!o.unsigned) {
    headers["x-starboard-timestamp"] = timestamp;
    headers["x-starboard-delivery"] = deliveryId;
    headers["x-starboard-signature"] = sign(o.secret ?? secret, timestamp, raw);
  }
  return fetch(url, { method: "POST", body: raw, headers });
}

/** Everything on the dead-letter topic so far, read by a fresh group from the beginning. */
export async function deadLetters(log: EventLog): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  const sub = await log.subscribe({
    groupId: `dlq-${Math.random()}`,
    topics: [Topics.deadLetter],
    startAt: "earliest",
    handler: async (b) => {
      records.push(...b.records);
    },
  });
  await new Promise((r) => setTimeout(r, 150));
  await sub.stop();
  return records;
}
