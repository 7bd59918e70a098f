import { foldCounts } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { listMigrations, splitStatements } from "../src/migrations";
import { serviceLevelByInterval, totalServiceLevel } from "../src/reports/index";
import { dayOfEvents, dayRange } from "./day";
import { parityDay, parityRange } from "./parity-day";
import { freshWarehouse, writeThroughSink } from "./warehouse";

// 0024 moves the report by queued interval onto queue_stay_events, and 0025 feeds the queue_intervals
// rollup from it. A warehouse that stored events before 0024 must report them the same afterwards
// (the migration fills the table from raw_events), and count the events written after it.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
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
  await writeThroughSink(warehouse, day.events);
  expect((await migrate(warehouse)).applied.map((name) => name.slice(0, 4))).toContain("0024");
});
afterAll(() => dispose());

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

  it("counts the events written after it in both groupings (the golden day's q-billing)", async () => {
    await writeThroughSink(warehouse, dayOfEvents());
    for (const groupBy of ["queued", "event"] as const) {
      const total = totalServiceLevel(
        await serviceLevelByInterval(warehouse, { ...dayRange, queueId: "q-billing", groupBy }),
      );
      expect(total, groupBy).toMatchObject({
        offered: 8,
        handled: 4,
        handledWithin: 3,
        abandoned: 4,
        shortAbandoned: 2,
        handleCount: 4,
      });
      expect(total.ahtSeconds, groupBy).toBeCloseTo(310, 9);
    }
  });

  it("leaves the same rows when its statements run again (a run interrupted after the fill)", async () => {
    if (migration0024 === undefined) throw new Error("migration 0024 is missing");
    const count = await queueEventCount();
    for (const statement of splitStatements(migration0024.sql)) await warehouse.command(statement);
    expect(await queueEventCount()).toBe(count);
  });
});
