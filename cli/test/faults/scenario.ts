// What every fault shares: a sink child on the private broker, a publisher that keeps re-sending
// through an outage, and the wait for the sink to have committed everything on the topic.

import { type EventLog, openEventLog, publishEvents, type StarboardEvent, Topics } from "@starboard/core";
import { type Child, startChild } from "../start/child";
import type { FaultBroker } from "./broker";

export const sinkArgs = ["--only", "sink", "--simulator", "off"];

export function sinkChild(dataDir: string, broker: FaultBroker, failpoints = ""): Promise<Child> {
  return startChild(dataDir, sinkArgs, 90_000, {
    STARBOARD_KAFKA_BROKERS: broker.brokers,
    STARBOARD_FAILPOINTS: failpoints,
  });
}

export async function stopChild(child: Child): Promise<number | null> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGTERM");
  return child.exited;
}

export function openPublisher(broker: FaultBroker, dataDir: string): Promise<EventLog> {
  return openEventLog({ dataDir, kafkaBrokers: [broker.brokers] });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Publishes each batch until the log acknowledges it, as an at-least-once producer must: a batch
 * refused while the broker is down is sent again (some of it may have landed: the sink's dedup
 * answers for that). Returns how many records it put on the wire, re-sends included.
 */
export async function publishAll(
  log: EventLog,
  batches: readonly StarboardEvent[][],
  between?: (index: number) => Promise<void>,
): Promise<number> {
  let sent = 0;
  for (const [index, batch] of batches.entries()) {
    await between?.(index);
    for (;;) {
      sent += batch.length;
      try {
        await publishEvents(log, batch);
        break;
      } catch {
        await sleep(500);
      }
    }
  }
  return sent;
}

/** Polls until the sink's group has committed the end of every partition; errors (broker down) retry. */
export async function sinkCaughtUp(log: EventLog, timeoutMs = 240_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const ends = await log.endOffsets(Topics.events);
      const committed = await log.committedOffsets("sql-sink", Topics.events);
      const behind = [...ends].reduce((sum, [p, end]) => sum + Math.max(0, end - (committed.get(p) ?? 0)), 0);
      if (ends.size > 0 && behind === 0) return Date.now();
      last = `${behind} records behind`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`the sink did not catch up in ${timeoutMs} ms (${last})`);
}
