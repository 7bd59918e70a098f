import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeEventRecord,
  InProcessEventLog,
  type StarboardEvent,
  standardTopics,
  Topics,
} from "@starboard/core";

export async function tempLog(): Promise<{ log: InProcessEventLog; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "starboard-esl-"));
  const log = new InProcessEventLog({ dataDir: dir, pollIntervalMs: 20 });
  await log.ensureTopics(standardTopics(4));
  return {
    log,
    dispose: async () => {
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every event on the events topic, per contact in log order. */
export async function readEvents(log: InProcessEventLog, settleMs = 150): Promise<StarboardEvent[]> {
  const events: StarboardEvent[] = [];
  const sub = await log.subscribe({
    groupId: `reader-${Math.random()}`,
    topics: [Topics.events],
    startAt: "earliest",
    handler: async (batch) => {
      for (const record of batch.records) {
        const decoded = decodeEventRecord(record);
        if (decoded.ok) events.push(decoded.event);
      }
    },
  });
  await new Promise((r) => setTimeout(r, settleMs));
  await sub.stop();
  return events;
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
