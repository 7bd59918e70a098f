import {
  exampleEvents,
  type InProcessEventLog,
  type LogRecord,
  publishEvents,
  type StarboardEvent,
  Topics,
} from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { startSink } from "../src/sink/index";
import { convertRecord, type RawEventRow } from "../src/sink/rows";
import { splitChunk } from "../src/sink/sink";
import type { Chunk } from "../src/sink/write";
import { freshLogAndWarehouse } from "./warehouse";

// A partition's batch may be cut between two writes so that a backlog's writes hold exactly
// maxRows. Each part carries its own offset range (the insert's token), an add settles only when
// both parts were written, and every event lands once.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
let log: InProcessEventLog;

beforeAll(async () => {
  ({ warehouse, log, dispose } = await freshLogAndWarehouse(4));
});
afterAll(() => dispose());

function agentEvents(prefix: string, count: number): StarboardEvent[] {
  const ready = exampleEvents["agent.ready"];
  return Array.from({ length: count }, (_, i) => ({
    ...ready,
    id: `${prefix}-${String(i).padStart(3, "0")}`,
    agentId: `agent-${i % 9}`,
    time: new Date(Date.parse(ready.time) + i * 1_000).toISOString(),
  }));
}

describe("splitChunk", () => {
  const rows: RawEventRow[] = agentEvents("cut", 5).map((event, i) => {
    const record: LogRecord = {
      topic: Topics.events,
      partition: 1,
      // Offsets 10, 12, 14...: a dead-lettered record between two rows leaves a hole.
      offset: 10 + 2 * i,
      key: "k",
      value: Buffer.from(JSON.stringify(event)),
      headers: {},
      timestamp: 0,
    };
    const converted = convertRecord(record);
    if (!converted.ok) throw new Error(converted.reason);
    return converted.row;
  });
  const chunk: Chunk = { topic: Topics.events, partition: 1, first: 10, last: 18, rows };

  it.each([
    { rows: 1, head: [10, 10], tail: [12, 18] },
    { rows: 3, head: [10, 14], tail: [16, 18] },
    { rows: 4, head: [10, 16], tail: [18, 18] },
  ])("after $rows rows: offsets $head and $tail", ({ rows: at, head, tail }) => {
    const [first, rest] = splitChunk(chunk, at);
    expect([first.first, first.last, first.rows.length]).toEqual([...head, at]);
    expect([rest.first, rest.last, rest.rows.length]).toEqual([...tail, 5 - at]);
    expect([...first.rows, ...rest.rows]).toEqual(rows);
  });

  it.each([0, 5])("refuses a cut after %d of 5 rows (a part would be empty)", (at) => {
    expect(() => splitChunk(chunk, at)).toThrow(/cannot be cut/);
  });
});

describe("sink: batches cut between writes", () => {
  it("writes a backlog in writes of exactly maxRows, every event once, and commits the end", async () => {
    // Nine agents over four partitions: whole partitions of uneven sizes under maxRows, which
    // whole batches packed into four writes.
    const events = agentEvents("split", 53);
    await publishEvents(log, events);
    const sizes = [...(await log.endOffsets(Topics.events)).values()];
    expect(sizes.filter((size) => size > 0 && size < 20).length).toBeGreaterThan(1);
    const groupId = "split";
    // A long delay: the tail goes only once nothing more comes, so the count of writes is exact.
    const sink = await startSink({ log, warehouse, groupId, maxRows: 20, maxDelayMs: 1_000 });
    const end = [...(await log.endOffsets(Topics.events)).values()].reduce((a, b) => a + b, 0);
    let committed = 0;
    for (let i = 0; i < 600 && committed < end; i++) {
      await new Promise((r) => setTimeout(r, 50));
      committed = [...(await log.committedOffsets(groupId, Topics.events)).values()].reduce(
        (a, b) => a + b,
        0,
      );
    }
    await sink.stop();
    expect(committed).toBe(end);
    // 53 rows: two writes of 20 and the tail of 13.
    expect(sink.stats).toMatchObject({ written: 53, duplicates: 0, writes: 3, deadLettered: 0 });
    const stored = await warehouse.query<{ id: string; copies: string }>(
      "SELECT id, toString(count()) AS copies FROM raw_events WHERE id LIKE 'split-%' GROUP BY id ORDER BY id",
    );
    expect(stored.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(stored.every((r) => r.copies === "1")).toBe(true);
  });
});
