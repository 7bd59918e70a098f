import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exampleEvents, type StarboardEvent, Topics } from "../../src/events/index";
import { type EventLog, InProcessEventLog, publishEvents, standardTopics } from "../../src/log/index";
import { answers, consumerCaughtUp, Readiness } from "../../src/ops/index";

describe("Readiness", () => {
  it("is ready when every check passes and names the ones that do not", async () => {
    const readiness = new Readiness();
    let storeUp = false;
    readiness.add({ name: "log", ready: () => true });
    readiness.add({ name: "store", ready: () => ({ ok: storeUp, detail: storeUp ? "up" : "down" }) });
    expect(await readiness.ready()).toEqual({
      ok: false,
      checks: [
        { name: "log", ok: true },
        { name: "store", ok: false, detail: "down" },
      ],
    });
    storeUp = true;
    expect((await readiness.ready()).ok).toBe(true);
  });

  it("counts a throwing check as failing, with its message scrubbed of numbers and secrets", async () => {
    const readiness = new Readiness();
    readiness.add({
      name: "warehouse",
      ready: answers(async () => {
        throw new Error("connect ECONNREFUSED for caller +8613800138000 via http://u:hunter2@ch:8123");
      }),
    });
    const report = await readiness.ready();
    expect(report.ok).toBe(false);
    expect(report.checks[0]?.detail).toContain("ECONNREFUSED");
    expect(report.checks[0]?.detail).not.toContain("13800138000");
    expect(report.checks[0]?.detail).not.toContain("hunter2");
  });

  it("fails a check that never answers instead of hanging the probe", async () => {
    const readiness = new Readiness(50);
    readiness.add({ name: "stuck", ready: () => new Promise<boolean>(() => undefined) });
    const report = await readiness.ready();
    expect(report).toEqual({
      ok: false,
      checks: [{ name: "stuck", ok: false, detail: "no answer within 50 ms" }],
    });
  });

  it("keeps health apart from readiness, refuses a duplicate name, and forgets a removed service", async () => {
    const readiness = new Readiness();
    const remove = readiness.add({ name: "sink", ready: () => false });
    readiness.add({ name: "router", ready: () => true, healthy: () => false });
    expect(() => readiness.add({ name: "sink", ready: () => true })).toThrow(/"sink" exists already/);
    expect((await readiness.healthy()).checks).toEqual([
      { name: "sink", ok: true },
      { name: "router", ok: false },
    ]);
    remove();
    expect(readiness.names).toEqual(["router"]);
    expect((await readiness.ready()).ok).toBe(true);
  });
});

describe("consumerCaughtUp", () => {
  let dataDir: string;
  let log: EventLog;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-ops-ready-"));
    log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(4));
  });

  afterEach(async () => {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is ready within the tolerance and not ready past it, until the group commits", async () => {
    const events = Array.from(
      { length: 30 },
      (_, i) => ({ ...exampleEvents["contact.queued"], id: `ready-${i}` }) as StarboardEvent,
    );
    await publishEvents(log, events);
    const readiness = new Readiness();
    readiness.add({ name: "sink", ready: consumerCaughtUp(log, "ready-group", Topics.events, 10) });
    const behind = await readiness.ready();
    expect(behind.ok).toBe(false);
    expect(behind.checks[0]?.detail).toBe(
      "ready-group: 30 records behind on starboard.events (tolerance 10)",
    );
    const subscription = await log.subscribe({
      groupId: "ready-group",
      topics: [Topics.events],
      handler: async () => undefined,
    });
    const deadline = Date.now() + 20_000;
    while (!(await readiness.ready()).ok) {
      if (Date.now() > deadline) throw new Error("the group never caught up");
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await readiness.ready()).checks[0]?.detail).toBe(
      "ready-group: 0 records behind on starboard.events (tolerance 10)",
    );
    await subscription.stop();
  });
});
