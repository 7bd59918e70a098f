import { type EventLog, openEventLog, publishEvents, Topics } from "@starboard/core";
import { createWarehouseClient } from "@starboard/sql";
import { afterAll, describe, expect, it } from "vitest";
import { type Child, startChild } from "./child";
import { queued, tempDir, until } from "./helpers";

// The warehouse belongs to the child while it runs; this fork opens it only after the child exited.
const data = tempDir("starboard-kill-");
let child: Child | undefined;
let log: EventLog | undefined;
afterAll(async () => {
  if (child !== undefined && child.process.exitCode === null) child.process.kill("SIGKILL");
  await log?.close();
  data.remove();
});

const args = [
  "--only",
  "esl,chat,tickets,router,sink,graphql",
  "--simulator",
  "off",
  "--graphql-port",
  "0",
  "--chat-port",
  "0",
  "--tickets-port",
  "0",
];
const total = 3_000;
const batch = 100;
const events = Array.from({ length: total }, (_, i) => queued(`kill-${i}`, "kill-q", "kill-test"));

async function sinkBehind(l: EventLog): Promise<number> {
  const end = await l.endOffsets(Topics.events);
  const committed = await l.committedOffsets("sql-sink", Topics.events);
  let behind = 0;
  for (const [partition, offset] of end) behind += offset - (committed.get(partition) ?? 0);
  return behind;
}

describe("starboard start survives kill -9", () => {
  it("counts exactly the published events after a kill mid-run and a restart: no gap, no double count", async () => {
    child = await startChild(data.dir, args);
    // A second process publishing into the same embedded log, as `esl-replay --publish` does.
    log = await openEventLog({ dataDir: data.dir });
    const l = log;
    let published = 0;
    const publishSome = async (upTo: number) => {
      for (; published < upTo; published += batch)
        await publishEvents(l, events.slice(published, published + batch));
    };
    await publishSome(total / 2);
    // Killed while the sink is part-way: some of the events are written, some not yet.
    await until("the sink to commit something", async () => {
      const committed = await l.committedOffsets("sql-sink", Topics.events);
      return [...committed.values()].some((o) => o > 0);
    });
    const running = child;
    const publishing = publishSome(total);
    running.process.kill("SIGKILL");
    expect(await running.exited).toBeNull();
    await publishing;

    child = await startChild(data.dir, args);
    await until("the restarted sink to catch up", async () => (await sinkBehind(l)) === 0, 45_000);
    child.process.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    expect(child.output.join("")).toContain("stopped warehouse");

    const warehouse = await createWarehouseClient({ dataDir: data.dir, url: "" });
    try {
      const [raw] = await warehouse.query<{ rows: number; ids: number }>(
        "SELECT toUInt32(count()) AS rows, toUInt32(uniqExact(id)) AS ids FROM raw_events WHERE source = 'kill-test'",
      );
      expect(raw).toEqual({ rows: total, ids: total });
      // A rollup fed by a materialized view: a double-counted batch would show here even if raw rows did not.
      const [offered] = await warehouse.query<{ offered: number }>(
        "SELECT toUInt32(sum(offered)) AS offered FROM queue_intervals WHERE queue_id = 'kill-q'",
      );
      expect(offered).toEqual({ offered: total });
    } finally {
      await warehouse.close();
    }
  });
});
