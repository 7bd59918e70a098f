import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleEvents, type LogRecord, type StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowsInsert, Warehouse } from "../src/client";
import { PendingWrites } from "../src/sink/pending";
import { convertRecord, type RawEventRow } from "../src/sink/rows";
import { type Chunk, chunkWriter, finishPending, type WriteStats } from "../src/sink/write";
import { freshWarehouse } from "./warehouse";

// The sink prepares its next write (duplicate check, body, pending file) while the current one
// inserts. What must still hold: inserts one at a time and in order, an event whose copy is in the
// write still inserting counted once, nothing inserted after a write that gave up, and a restart
// finishing both kept writes in order.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
const dirs: string[] = [];

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
});
afterAll(async () => {
  await dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function pendingDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "starboard-sink-ahead-"));
  dirs.push(dir);
  return dir;
}

function events(prefix: string, count: number): StarboardEvent[] {
  const ready = exampleEvents["agent.ready"];
  return Array.from({ length: count }, (_, i) => ({
    ...ready,
    id: `${prefix}-${i}`,
    agentId: `agent-${prefix}`,
    time: new Date(Date.parse(ready.time) + i * 1_000).toISOString(),
  }));
}

function chunkOf(list: readonly StarboardEvent[], partition: number, firstOffset: number): Chunk {
  const rows: RawEventRow[] = list.map((event, i) => {
    const record: LogRecord = {
      topic: "events",
      partition,
      offset: firstOffset + i,
      key: event.agentId ?? "",
      value: Buffer.from(JSON.stringify(event)),
      headers: {},
      timestamp: Date.now(),
    };
    const converted = convertRecord(record);
    if (!converted.ok) throw new Error(converted.reason);
    return converted.row;
  });
  return { topic: "events", partition, first: firstOffset, last: firstOffset + list.length - 1, rows };
}

/** The real warehouse whose inserts wait for `release` (or fail while `failing`), with every call noted. */
function heldWarehouse(target: Warehouse) {
  let open: () => void = () => {};
  let gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const calls: string[] = [];
  const held = {
    ...target,
    calls,
    failing: false,
    release: () => open(),
    hold: () => {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    query: ((sql: string, params?: Record<string, unknown>) => {
      calls.push("lookup");
      return target.query(sql, params);
    }) as Warehouse["query"],
    command: target.command.bind(target),
    close: target.close.bind(target),
    insertRows: async (insert: RowsInsert) => {
      const first = String(insert.body).match(/"id":"([^"]+)"/)?.[1] ?? "?";
      calls.push(`insert ${first}`);
      await gate;
      if (held.failing) throw new Error("connection refused (test)");
      await target.insertRows(insert);
      calls.push(`inserted ${first}`);
    },
  };
  return held;
}

const stats = (): WriteStats => ({ written: 0, duplicates: 0, writes: 0, failedAttempts: 0 });
const until = async (what: () => boolean, label: string) => {
  for (let i = 0; i < 400; i++) {
    if (what()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${label}`);
};
const storedIds = (prefix: string) =>
  warehouse
    .query<{ id: string }>(`SELECT id FROM raw_events WHERE id LIKE '${prefix}%' ORDER BY id`)
    .then((rows) => rows.map((r) => r.id));

describe("sink writes: the next prepared while one inserts", () => {
  it("prepares and keeps the second write during the first insert, and inserts it only after", async () => {
    const target = heldWarehouse(warehouse);
    const dir = pendingDir();
    const pending = new PendingWrites(dir, "ahead");
    const counts = stats();
    const write = chunkWriter(target, counts, { signal: new AbortController().signal, pending });
    const first = write([chunkOf(events("ahead-a", 5), 0, 0)]);
    await until(() => target.calls.includes("insert ahead-a-0"), "the first insert");
    const second = write([chunkOf(events("ahead-b", 5), 1, 0)]);
    // The second write's duplicate check ran and its file was kept while the first still inserts.
    await until(() => existsSync(join(dir, "ahead.next.pending")), "the second write's pending file");
    expect(existsSync(join(dir, "ahead.pending"))).toBe(true);
    expect(target.calls.filter((c) => c.startsWith("insert"))).toEqual(["insert ahead-a-0"]);
    target.release();
    await Promise.all([first, second]);
    const inserts = target.calls.filter((c) => c.startsWith("insert"));
    expect(inserts).toEqual([
      "insert ahead-a-0",
      "inserted ahead-a-0",
      "insert ahead-b-0",
      "inserted ahead-b-0",
    ]);
    expect(await storedIds("ahead-")).toHaveLength(10);
    expect(counts).toMatchObject({ written: 10, duplicates: 0, writes: 2 });
    expect(await pending.read()).toEqual([]);
  });

  it("counts an event whose copy the write in flight holds once (the lookup cannot see it yet)", async () => {
    const target = heldWarehouse(warehouse);
    const dir = pendingDir();
    const pending = new PendingWrites(dir, "copy");
    const counts = stats();
    const write = chunkWriter(target, counts, { signal: new AbortController().signal, pending });
    const original = events("copy-a", 3);
    const first = write([chunkOf(original, 0, 0)]);
    await until(() => target.calls.includes("insert copy-a-0"), "the first insert");
    // A copy published again on another partition, beside a new event.
    const second = write([chunkOf([original[1] as StarboardEvent, ...events("copy-b", 1)], 1, 0)]);
    // Kept once its duplicate check is done.
    await until(() => existsSync(join(dir, "copy.next.pending")), "the second write's pending file");
    target.release();
    await Promise.all([first, second]);
    expect(await storedIds("copy-")).toEqual(["copy-a-0", "copy-a-1", "copy-a-2", "copy-b-0"]);
    expect(counts).toMatchObject({ written: 4, duplicates: 1 });
  });

  it("keeps no pending file naming an event its lookup found stored (a restart would insert it again)", async () => {
    // The file is staged while the lookup runs, with every candidate; only a lookup that kept them
    // all puts it in place.
    const target = heldWarehouse(warehouse);
    target.release();
    const dir = pendingDir();
    const pending = new PendingWrites(dir, "stored");
    const stopping = new AbortController();
    const options = { signal: stopping.signal, pending, firstRetryMs: 10 };
    const original = events("stored-a", 2);
    await chunkWriter(target, stats(), options)([chunkOf(original, 0, 0)]);
    target.failing = true;
    // After a restart (no write in flight to drop it by id): the first event again at a later
    // offset, beside a new one.
    const redelivered = chunkOf([original[0] as StarboardEvent, ...events("stored-b", 1)], 0, 2);
    const again = chunkWriter(target, stats(), options)([redelivered]);
    again.catch(() => {});
    await until(() => target.calls.includes("insert stored-b-0"), "the second insert");
    stopping.abort();
    await expect(again).rejects.toThrow(/connection refused/);
    const kept = await pending.read();
    expect(kept).toHaveLength(1);
    expect(kept[0]?.body.toString()).not.toContain("stored-a-0");
    const restarted = heldWarehouse(warehouse);
    restarted.release();
    for (const leftover of kept) {
      await finishPending(restarted, leftover, stats(), { signal: new AbortController().signal, pending });
    }
    expect(await storedIds("stored-")).toEqual(["stored-a-0", "stored-a-1", "stored-b-0"]);
  });

  it("leaves no file behind a write whose lookup found every event stored", async () => {
    const target = heldWarehouse(warehouse);
    target.release();
    const dir = pendingDir();
    const options = { signal: new AbortController().signal, pending: new PendingWrites(dir, "all-stored") };
    const original = events("all-stored", 3);
    await chunkWriter(target, stats(), options)([chunkOf(original, 3, 0)]);
    expect(readdirSync(dir)).toEqual([]);
    // After a restart the same events again, at later offsets: staged while the lookup ran, not sent.
    const again = stats();
    await chunkWriter(target, again, options)([chunkOf(original, 3, 3)]);
    expect(again.duplicates).toBe(3);
    expect(target.calls.filter((c) => c.startsWith("insert "))).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("loses no write of a log that starts again from offset 0 (its offsets repeat a remembered write's)", async () => {
    // As an in-process log whose directory was removed, or a Kafka topic created again, while the
    // warehouse kept its tables: other events at the same offsets must not share the older token.
    const target = heldWarehouse(warehouse);
    target.release();
    const options = { signal: new AbortController().signal };
    await chunkWriter(target, stats(), options)([chunkOf(events("log-before", 3), 5, 0)]);
    const after = stats();
    await chunkWriter(target, after, options)([chunkOf(events("log-after", 3), 5, 0)]);
    expect(after).toMatchObject({ written: 3, duplicates: 0 });
    expect(await storedIds("log-")).toEqual([
      "log-after-0",
      "log-after-1",
      "log-after-2",
      "log-before-0",
      "log-before-1",
      "log-before-2",
    ]);
  });

  it("inserts nothing behind a write that gave up; a restart finishes both kept writes in order", async () => {
    const target = heldWarehouse(warehouse);
    const dir = pendingDir();
    const pending = new PendingWrites(dir, "gave-up");
    const stopping = new AbortController();
    const write = chunkWriter(target, stats(), { signal: stopping.signal, pending, firstRetryMs: 10 }, 6);
    target.failing = true;
    target.release();
    const first = write([chunkOf(events("gave-up-a", 4), 0, 0)]);
    first.catch(() => {});
    await until(() => target.calls.filter((c) => c === "insert gave-up-a-0").length >= 2, "a retry");
    const second = write([chunkOf(events("gave-up-b", 4), 1, 0)]);
    second.catch(() => {});
    await until(() => existsSync(join(dir, "gave-up.next.pending")), "the second write's pending file");
    stopping.abort();
    await expect(first).rejects.toThrow(/warehouse write failed: connection refused/);
    await expect(second).rejects.toThrow(/connection refused/);
    expect(target.calls.some((c) => c.includes("gave-up-b"))).toBe(false);
    expect(await storedIds("gave-up-")).toEqual([]);

    // As the next start does: the kept writes, oldest first, each under its own token.
    const kept = await pending.read();
    expect(kept.map((p) => p.sequence)).toEqual([6, 7]);
    const restarted = heldWarehouse(warehouse);
    restarted.release();
    const options = { signal: new AbortController().signal, pending };
    for (const leftover of kept) await finishPending(restarted, leftover, stats(), options);
    expect(restarted.calls).toEqual([
      "insert gave-up-a-0",
      "inserted gave-up-a-0",
      "insert gave-up-b-0",
      "inserted gave-up-b-0",
    ]);
    expect(await storedIds("gave-up-")).toHaveLength(8);
    expect(await pending.read()).toEqual([]);
  });
});
