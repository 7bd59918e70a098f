import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InProcessEventLog } from "../../src/log/sqlite/in-process-log";
import { OffsetCommits } from "../../src/log/sqlite/offset-commits";
import { SqliteLogStore } from "../../src/log/sqlite/store";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "starboard-commits-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("consumer offset commits", () => {
  it("are seen at once in this process and written together after the delay", async () => {
    const store = new SqliteLogStore(join(dir, "log.sqlite"), "normal", false, () => {});
    const commits = new OffsetCommits(store, 40, (error) => {
      throw error;
    });
    commits.commit("g1", "t", 0, 5);
    commits.commit("g1", "t", 1, 7);
    commits.commit("g2", "t", 0, 3);
    commits.commit("g1", "t", 0, 9);
    expect(commits.committed("g1", "t", 0)).toBe(9);
    expect([...commits.committedAll("g1", "t")].sort()).toEqual([
      [0, 9],
      [1, 7],
    ]);
    expect(store.committed("g1", "t", 0)).toBeUndefined();
    await sleep(120);
    expect(store.committed("g1", "t", 0)).toBe(9);
    expect(store.committed("g1", "t", 1)).toBe(7);
    expect(store.committed("g2", "t", 0)).toBe(3);
    await store.close();
  });

  it("are written when a group's last subscription stops and when the log closes", async () => {
    const log = new InProcessEventLog({ dataDir: dir, commitDelayMs: 60_000 });
    await log.ensureTopics([{ name: "t", partitions: 1 }]);
    await log.publish("t", [{ key: "k", value: "a" }]);
    const handled = (groupId: string) =>
      new Promise<{ stop: () => Promise<void> }>((resolve) => {
        const subscription = log.subscribe({
          groupId,
          topics: ["t"],
          startAt: "earliest",
          handler: async () => {
            // Resolve once the commit that follows this handler had its turn.
            setTimeout(() => void subscription.then(resolve), 20);
          },
        });
      });
    const stopped = await handled("stops");
    await stopped.stop();
    await handled("stays");
    // A second view of the file, as another process would see it.
    const other = new SqliteLogStore(join(dir, "log.sqlite"), "normal", false, () => {});
    expect(other.committed("stops", "t", 0)).toBe(1);
    expect(other.committed("stays", "t", 0)).toBeUndefined();
    expect((await log.committedOffsets("stays", "t")).get(0)).toBe(1);
    await log.close();
    expect(other.committed("stays", "t", 0)).toBe(1);
    await other.close();
  });

  it("never hold up the thread while another connection writes: they land once the lock is free", async () => {
    const path = join(dir, "log.sqlite");
    const store = new SqliteLogStore(path, "normal", false, () => {});
    const commits = new OffsetCommits(store, 10, (error) => {
      throw error;
    });
    // The log's writer thread, mid-transaction, as another connection to the same file.
    const writer = new Database(path);
    writer.exec("BEGIN IMMEDIATE");
    commits.commit("g", "t", 0, 42);
    // Waiting for the lock used to sleep this thread in SQLite's busy handler (8, 18, 33 ms...).
    const started = performance.now();
    let longestGap = 0;
    let last = started;
    while (performance.now() - started < 300) {
      await sleep(5);
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }
    expect(longestGap).toBeLessThan(100);
    expect(store.committed("g", "t", 0)).toBeUndefined();
    expect(commits.committed("g", "t", 0)).toBe(42);
    writer.exec("COMMIT");
    await sleep(50);
    expect(store.committed("g", "t", 0)).toBe(42);
    writer.close();
    await store.close();
  });
});
