// A temp-dir event log and a reader of what the router published, for the service tests.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeEventRecord, type EventLog, openEventLog, type StarboardEvent, Topics } from "../../src/index";

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "starboard-router-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openLog(dir: string): Promise<EventLog> {
  return openEventLog({ dataDir: dir, partitions: 4 });
}

let readers = 0;

/** Everything on a topic from the start, decoded, as it arrives. */
export async function collect(log: EventLog, topic: string = Topics.commands) {
  const seen: StarboardEvent[] = [];
  const subscription = await log.subscribe({
    groupId: `test-reader-${process.pid}-${++readers}`,
    topics: [topic],
    startAt: "earliest",
    handler: async (batch) => {
      for (const record of batch.records) {
        const decoded = decodeEventRecord(record);
        if (decoded.ok) seen.push(decoded.event);
      }
    },
  });
  return { seen, stop: () => subscription.stop() };
}

/** Polls until `check` holds; fails with `what` after the deadline (a hang, not a timing claim). */
export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
