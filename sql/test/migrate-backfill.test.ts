import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { foldCounts, InProcessEventLog, publishEvents, standardTopics } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { listMigrations, splitStatements } from "../src/migrations";
import { serviceLevelByInterval, totalServiceLevel } from "../src/reports/index";
import { startSink } from "../src/sink/index";
import { parityDay, parityRange } from "./parity-day";
import { freshWarehouse } from "./warehouse";

// 0024 moves the report by queued interval onto queue_stay_events. A warehouse that stored events
// before 0024 must report them the same afterwards: the migration fills the table from raw_events.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
const logDir = mkdtempSync(join(tmpdir(), "starboard-backfill-log-"));
const day = parityDay();
const before0024 = listMigrations().filter((m) => m.version < 24);
const migration0024 = listMigrations().find((m) => m.version === 24);

const queueEventCount = async () =>
  (
    await warehouse.query<{ n: string }>(
      "SELECT toString(count()) AS n FROM queue_stay_events WHERE tenant = 'default'",
    )
  )[0]?.n;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse({ migrated: false }));
  await migrate(warehouse, { migrations: before0024 });
  const log = new InProcessEventLog({ dataDir: logDir });
  await log.ensureTopics(standardTopics(4));
  await publishEvents(log, day.events);
  const sink = await startSink({ log, warehouse, maxDelayMs: 20 });
  for (let i = 0; i < 400 && sink.stats.written < day.events.length; i++)
    await new Promise((r) => setTimeout(r, 25));
  expect(sink.stats.written).toBe(day.events.length);
  await sink.stop();
  await log.close();
  expect((await migrate(warehouse)).applied.map((name) => name.slice(0, 4))).toContain("0024");
});
afterAll(async () => {
  await dispose();
  rmSync(logDir, { recursive: true, force: true });
});

describe("0024 on a warehouse that already holds events", () => {
  it("fills queue_stay_events with every stored queue event that has a queue", async () => {
    const [stored] = await warehouse.query<{ n: string }>(
      `SELECT toString(count()) AS n FROM raw_events
       WHERE type IN ('contact.queued', 'contact.connected', 'contact.abandoned', 'contact.overflowed',
           'contact.callback-requested', 'contact.ended')
         AND if(type = 'contact.overflowed', JSONExtractString(data, 'fromQueueId'), JSONExtractString(data, 'queueId')) != ''`,
    );
    expect(Number(stored?.n)).toBeGreaterThan(1_000);
    expect(await queueEventCount()).toBe(stored?.n);
  });

  it("reports the stays stored before it as core counts them", async () => {
    for (const queueId of ["q-chat", "q-chat-2", "q-voice-a", "q-voice-b"]) {
      const rules = { thresholdSeconds: 20, shortAbandonSeconds: 5 };
      const core = foldCounts(
        day.stays.filter((s) => s.queueId === queueId).map((s) => s.contact),
        rules,
      );
      const sql = totalServiceLevel(
        await serviceLevelByInterval(warehouse, { ...parityRange, ...rules, queueId }),
      );
      expect(
        [sql.offered, sql.handled, sql.handledWithin, sql.abandoned, sql.shortAbandoned, sql.flowedOut],
        queueId,
      ).toEqual([
        core.offered,
        core.handled,
        core.handledWithinThreshold,
        core.abandoned,
        core.shortAbandoned,
        core.flowedOut,
      ]);
      expect([sql.callbackRequested, sql.removedWithin], queueId).toEqual([
        core.callbackRequested,
        core.removedWithinThreshold,
      ]);
    }
  });

  it("leaves the same rows when its statements run again (a run interrupted after the fill)", async () => {
    if (migration0024 === undefined) throw new Error("migration 0024 is missing");
    const count = await queueEventCount();
    for (const statement of splitStatements(migration0024.sql)) await warehouse.command(statement);
    expect(await queueEventCount()).toBe(count);
  });
});
