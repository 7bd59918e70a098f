import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  exampleEvents,
  type InProcessEventLog,
  partitionForKey,
  publishEvents,
  type StarboardEvent,
  Topics,
} from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { Warehouse } from "../src/client";
import { startSink } from "../src/sink/index";
import { observedWarehouse } from "./observed";
import { freshLogAndWarehouse } from "./warehouse";

// An INSERT that fails partway leaves some tables written and others not: here a view that throws on
// one event while a switch is on (the real engine; raw_events gets the rows, that view does not). The
// sink must finish that same write, under the same token, before anything else: had the failed
// batch gone back to the log and come again grouped with another partition's batch, the duplicate
// check would have dropped the events raw_events already held, and no view would ever count them.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
let log: InProcessEventLog;
const partitions = 2;

beforeAll(async () => {
  ({ warehouse, log, dispose } = await freshLogAndWarehouse(partitions));
  await warehouse.command("CREATE TABLE boom_switch (id String) ENGINE = Memory");
  await warehouse.command("CREATE TABLE boom_target (id String) ENGINE = MergeTree ORDER BY id");
  await warehouse.command(
    "CREATE MATERIALIZED VIEW boom_view TO boom_target AS SELECT id FROM raw_events WHERE throwIf(id IN (SELECT id FROM boom_switch), 'boom (test)') = 0",
  );
});
afterAll(() => dispose());

/** An agent whose events land on the given partition. */
function agentOn(partition: number): string {
  for (let i = 0; ; i++) if (partitionForKey(`agent-p${i}`, partitions) === partition) return `agent-p${i}`;
}

/** Every other event a month later: raw_events (PARTITION BY month) writes the block as two parts. */
function readyEvents(prefix: string, agentId: string, count: number): StarboardEvent[] {
  const ready = exampleEvents["agent.ready"];
  const month = 31 * 24 * 3600 * 1000;
  return Array.from({ length: count }, (_, i) => ({
    ...ready,
    id: `${prefix}-${i}`,
    agentId,
    time: new Date(Date.parse(ready.time) + i * 1_000 + (i % 2) * month).toISOString(),
  }));
}

const until = async (what: () => Promise<boolean> | boolean, label: string) => {
  for (let i = 0; i < 600; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${label}`);
};

const ids = (sql: string) =>
  warehouse.query<{ id: string }>(sql).then((rows) => rows.map((r) => r.id).sort());

describe("sink: a write that failed partway", () => {
  it("is completed with the same rows, and every view counts each event once", async () => {
    const first = readyEvents("partial-a", agentOn(0), 20);
    const later = readyEvents("partial-c", agentOn(1), 10);
    await warehouse.command("INSERT INTO boom_switch VALUES ('partial-a-5')");
    await publishEvents(log, first);
    const target = observedWarehouse(warehouse);
    // A long coalescing delay: the later partition's batch would join a regrouped retry.
    const sink = await startSink({ log, warehouse: target, maxDelayMs: 400, firstRetryMs: 50 });
    try {
      await untilFailed(target, "partial-a");
      await publishEvents(log, later);
      await new Promise((r) => setTimeout(r, 600));
      await warehouse.command("TRUNCATE TABLE boom_switch");
      await untilCommitted("sql-sink", first.length + later.length);
    } finally {
      await sink.stop();
    }
    await expectEachCountedOnce("partial-", [...first, ...later]);
    expect(sink.stats).toMatchObject({
      written: first.length + later.length,
      duplicates: 0,
      deadLettered: 0,
    });
    expect(sink.stats.failedAttempts).toBeGreaterThan(0);
  });

  it("is finished from the pending directory when the sink stopped before it succeeded", async () => {
    const pendingDir = mkdtempSync(join(tmpdir(), "starboard-sink-pending-"));
    onTestFinished(() => rmSync(pendingDir, { recursive: true, force: true }));
    const first = readyEvents("restart-a", agentOn(0), 20);
    const later = readyEvents("restart-c", agentOn(1), 10);
    await warehouse.command("INSERT INTO boom_switch VALUES ('restart-a-5')");
    await publishEvents(log, first);
    const target = observedWarehouse(warehouse);
    const options = { log, groupId: "restart", pendingDir, maxDelayMs: 400, firstRetryMs: 50 };
    const stopped = await startSink({ ...options, warehouse: target });
    try {
      await untilFailed(target, "restart-a");
    } finally {
      // As a process killed while it retried: the write neither succeeded nor was given up on disk.
      await stopped.stop();
    }
    expect(existsSync(join(pendingDir, "restart.pending"))).toBe(true);
    await publishEvents(log, later);
    await warehouse.command("TRUNCATE TABLE boom_switch");
    const restarted = await startSink({ ...options, warehouse });
    try {
      await untilCommitted("restart", 30 + first.length + later.length);
    } finally {
      await restarted.stop();
    }
    await expectEachCountedOnce("restart-", [...first, ...later]);
    expect(existsSync(join(pendingDir, "restart.pending"))).toBe(false);
  });
  it("is completed down a view fed by a view (0025: queue_intervals from queue_stay_events)", async () => {
    // The throwing view sits on queue_stay_events, one level below raw_events. The failed INSERT
    // has written raw_events; whether queue_stay_events' part was committed before the view on it
    // threw is the engine's scheduling (not, in 1 of 8 runs of this file on an idle machine), and
    // queue_intervals' likewise. Each of those states is a write that failed partway down the
    // chain, and the retry must complete each without a double count.
    await warehouse.command("CREATE TABLE boom_chain_target (id String) ENGINE = MergeTree ORDER BY id");
    await warehouse.command(
      "CREATE MATERIALIZED VIEW boom_chain_view TO boom_chain_target AS SELECT contact_id AS id FROM queue_stay_events WHERE throwIf(contact_id IN (SELECT id FROM boom_switch), 'boom (test)') = 0",
    );
    const queued = queuedEvents("chain", 20);
    await warehouse.command("INSERT INTO boom_switch VALUES ('chain-c5')");
    await publishEvents(log, queued);
    const target = observedWarehouse(warehouse);
    const sink = await startSink({
      log,
      warehouse: target,
      groupId: "chain",
      maxDelayMs: 100,
      firstRetryMs: 50,
    });
    try {
      await until(() => target.outcomes.some((outcome) => outcome !== "ok"), "the first insert to fail");
      expect(target.outcomes.find((outcome) => outcome !== "ok")).toMatch(/boom \(test\)/);
      expect(await ids("SELECT id FROM raw_events WHERE id LIKE 'chain-%'")).not.toEqual([]);
      await warehouse.command("TRUNCATE TABLE boom_switch");
      const published = [...(await log.endOffsets(Topics.events)).values()].reduce((a, b) => a + b, 0);
      await untilCommitted("chain", published);
    } finally {
      await sink.stop();
    }
    const contacts = queued.map((e) => e.contactId ?? "").sort();
    expect(
      await ids("SELECT contact_id AS id FROM queue_stay_events WHERE contact_id LIKE 'chain-%'"),
    ).toEqual(contacts);
    expect(await ids("SELECT id FROM boom_chain_target WHERE id LIKE 'chain-%'")).toEqual(contacts);
    const [offered] = await warehouse.query<{ n: number }>(
      "SELECT toUInt32(sum(offered)) AS n FROM queue_intervals WHERE queue_id = 'q-chain'",
    );
    expect(Number(offered?.n)).toBe(queued.length);
  });
});

/** Contacts queued in one queue, one event each; the contact ids are `${prefix}-c${i}`. */
function queuedEvents(prefix: string, count: number): StarboardEvent[] {
  const queued = exampleEvents["contact.queued"];
  return Array.from({ length: count }, (_, i) => ({
    ...queued,
    id: `${prefix}-${i}`,
    contactId: `${prefix}-c${i}`,
    time: new Date(Date.parse(queued.time) + i * 1_000).toISOString(),
    data: { ...queued.data, queueId: `q-${prefix}` },
  }));
}

/** Every event once in raw_events, in a view of the schema and in the test's own view. */
async function expectEachCountedOnce(prefix: string, events: readonly StarboardEvent[]) {
  const expected = events.map((e) => e.id).sort();
  const like = `LIKE '${prefix}%'`;
  expect(await ids(`SELECT id FROM raw_events WHERE id ${like}`)).toEqual(expected);
  expect(await ids(`SELECT event_id AS id FROM agent_state_changes WHERE event_id ${like}`)).toEqual(
    expected,
  );
  expect(await ids(`SELECT id FROM boom_target WHERE id ${like}`)).toEqual(expected);
}

/**
 * Waits for an insert to fail, then checks it wrote part of the batch: some of it in raw_events.
 * How much else the engine wrote before the throw is its scheduling. On an idle machine it is
 * raw_events alone, the state a regrouped retry gets wrong; with two busy cores beside it,
 * agent_state_changes held one month's rows too, and once raw_events lacked the switched event's
 * month. So the test asserts only that much here, and every count at the end.
 */
async function untilFailed(target: { outcomes: string[] }, prefix: string): Promise<void> {
  const failure = () => target.outcomes.find((outcome) => outcome !== "ok");
  await until(() => failure() !== undefined, "the first insert to fail");
  expect(failure()).toMatch(/boom \(test\)/);
  expect(await ids(`SELECT id FROM raw_events WHERE id LIKE '${prefix}-%'`)).not.toEqual([]);
}

async function untilCommitted(groupId: string, end: number): Promise<void> {
  await until(async () => {
    const committed = [...(await log.committedOffsets(groupId, Topics.events)).values()];
    return committed.reduce((a, b) => a + b, 0) >= end;
  }, "every event to be committed");
}
