import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppendWriter } from "../../src/log/sqlite/append-writer";
import { encodeRecords } from "../../src/log/sqlite/record-codec";
import { SqliteLogStore } from "../../src/log/sqlite/store";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "starboard-writer-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const row = (partition: number, value: string) => ({
  topic: "t",
  partition,
  key: `k-${partition}`,
  value,
  headers: null,
});

/** V8's collector for this test's thread, exposed the way the writer thread exposes its own. */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  v8.setFlagsFromString("--no-expose-gc");
  return gc;
}

describe("appends on the writer thread", () => {
  it("lets go of the bodies it wrote, so their shared memory goes once the caller drops them", async () => {
    const gc = collector();
    const store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", true, () => {});
    store.ensureTopic({ name: "t", partitions: 1 });
    gc();
    const before = process.memoryUsage().arrayBuffers;
    const value = "x".repeat(2 << 20);
    // 96 MB of bodies, each in its own SharedArrayBuffer, dropped here as soon as it is written.
    for (let i = 0; i < 48; i++) await store.appendOffThread([row(0, value)], 1_000 + i);
    // Whatever the writer thread still holds is under its 32 MB collection step (plus slack). It
    // collects after answering, so a loaded machine may take a moment; a thread that never collects
    // keeps all 96 MB however long this waits.
    let held = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40 && held >= 48 << 20; tries++) {
      await new Promise((r) => setTimeout(r, 50));
      gc();
      held = process.memoryUsage().arrayBuffers - before;
    }
    expect(held).toBeLessThan(48 << 20);
    expect(store.endOffset("t", 0)).toBe(48);
    await store.close();
  });

  it("lands every append in order, readable back, and the bodies return for the tail", async () => {
    const store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", true, () => {});
    store.ensureTopic({ name: "t", partitions: 2 });
    // Several appends in flight at once: offsets follow the order they were sent in.
    const appends = Array.from({ length: 20 }, (_, i) =>
      store.appendOffThread([row(i % 2, `v${i}`), row(i % 2, `w${i}`)], 1_000 + i),
    );
    const done = await Promise.all(appends);
    for (const [i, batches] of done.entries()) {
      const [batch] = batches;
      expect(batch?.baseOffset).toBe(Math.floor(i / 2) * 2);
      expect(batch?.partition).toBe(i % 2);
      const start = batch?.valueStarts[0] ?? 0;
      expect(batch?.body.toString("utf8", start, start + (batch?.valueLengths[0] ?? 0))).toBe(`v${i}`);
    }
    expect(store.read("t", 1, 0, 100).map((r) => r.value.toString())).toEqual(
      Array.from({ length: 10 }, (_, k) => [`v${2 * k + 1}`, `w${2 * k + 1}`]).flat(),
    );
    expect(store.endOffset("t", 0)).toBe(20);
    await store.close();
  });

  it("fails an append SQLite refuses with SQLite's reason and keeps serving the next ones", async () => {
    const store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", true, () => {});
    store.ensureTopic({ name: "t", partitions: 1 });
    await store.close();
    const failures: string[] = [];
    const writer = new AppendWriter(join(dir, "log.sqlite"), "normal", false, (reason) =>
      failures.push(reason),
    );
    const body = () => encodeRecords([{ key: "k", value: "v", headers: null }]).body;
    await expect(
      writer.append([{ topicId: 1, partition: 0, table: "batches_1_9", count: 1, body: body() }], 0),
    ).rejects.toThrow(/no such table: batches_1_9/);
    const placed = await writer.append(
      [{ topicId: 1, partition: 0, table: "batches_1_0", count: 1, body: body() }],
      0,
    );
    expect(placed).toEqual([{ baseOffset: 0, timestamp: 0 }]);
    expect(failures).toEqual([]);
    await writer.stop();
  });

  it("fails the appends in flight when the thread dies, says why, and starts another for the next", async () => {
    // A directory where the database file should be: the thread cannot open it and dies.
    const notAFile = join(dir, "a-directory");
    mkdirSync(notAFile);
    const failures: string[] = [];
    const writer = new AppendWriter(notAFile, "normal", false, (reason) => failures.push(reason));
    const body = encodeRecords([{ key: "k", value: "v", headers: null }]).body;
    const append = () =>
      writer.append([{ topicId: 1, partition: 0, table: "batches_1_0", count: 1, body }], 0);
    await expect(append()).rejects.toThrow(/writer thread failed/);
    expect(failures.length).toBe(1);
    await expect(
      writer.append(
        [
          {
            topicId: 1,
            partition: 0,
            table: "batches_1_0",
            count: 1,
            body: encodeRecords([{ key: "k", value: "v", headers: null }]).body,
          },
        ],
        0,
      ),
    ).rejects.toThrow(/writer thread failed/);
    expect(failures.length).toBe(2);
    await writer.stop();
  });
});
