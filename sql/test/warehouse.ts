import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  InProcessEventLog,
  publishEvents,
  type StarboardEvent,
  standardTopics,
  validateEvent,
} from "@starboard/core";
import { expect } from "vitest";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { startSink } from "../src/sink/index";

/** A fresh embedded warehouse in a temp dir for one test file (each file is its own process). */
export async function freshWarehouse(options: { migrated?: boolean } = {}): Promise<{
  warehouse: Warehouse;
  dataDir: string;
  dispose: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "starboard-sql-"));
  const warehouse = await createWarehouseClient({ dataDir, url: "", database: "test" });
  if (options.migrated !== false) await migrate(warehouse);
  return {
    warehouse,
    dataDir,
    dispose: async () => {
      await warehouse.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh warehouse and a fresh in-process log of `partitions` event partitions; dispose closes both. */
export async function freshLogAndWarehouse(partitions: number): Promise<{
  warehouse: Warehouse;
  log: InProcessEventLog;
  dispose: () => Promise<void>;
}> {
  const fresh = await freshWarehouse();
  const logDir = mkdtempSync(join(tmpdir(), "starboard-sql-log-"));
  const log = new InProcessEventLog({ dataDir: logDir });
  await log.ensureTopics(standardTopics(partitions));
  return {
    warehouse: fresh.warehouse,
    log,
    dispose: async () => {
      await log.close();
      await fresh.dispose();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test day through the real sink: each event checked against its schema (a typo in a test day
 * fails here, at its source), published onto a fresh in-process log of 4 partitions, and written
 * until the sink counted every one (within 10 s, or the caller's test fails).
 */
export async function writeThroughSink(
  warehouse: Warehouse,
  events: readonly StarboardEvent[],
): Promise<void> {
  for (const event of events) expect(validateEvent(event), event.id).toMatchObject({ ok: true });
  const logDir = mkdtempSync(join(tmpdir(), "starboard-sql-log-"));
  const log = new InProcessEventLog({ dataDir: logDir });
  try {
    await log.ensureTopics(standardTopics(4));
    await publishEvents(log, events);
    const sink = await startSink({ log, warehouse, maxDelayMs: 20 });
    const deadline = Date.now() + 10_000;
    while (sink.stats.written < events.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    await sink.stop();
    expect(sink.stats.written).toBe(events.length);
  } finally {
    await log.close();
    rmSync(logDir, { recursive: true, force: true });
  }
}
