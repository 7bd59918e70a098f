import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exampleEvents, type StarboardEvent, Topics } from "../../src/events/index";
import {
  deadLetterRecord,
  type EventLog,
  InProcessEventLog,
  publishEvents,
  rejectedInputRecord,
  standardTopics,
} from "../../src/log/index";
import { consumerLag, deadLetters, eventsIn, eventsOut, opsRegistry } from "../../src/ops/index";

type Labelled = { get(): Promise<{ values: { labels: Record<string, string | number>; value: number }[] }> };

async function metricValue(metric: Labelled, labels: Record<string, string>): Promise<number> {
  const { values } = await metric.get();
  const found = values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want));
  return found?.value ?? 0;
}

const until = async (what: string, check: () => Promise<boolean>) => {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("the metric set", () => {
  it("registers every Starboard metric once, with help text and the expected type and labels", async () => {
    const metrics = await opsRegistry.getMetricsAsJSON();
    const byName = new Map(metrics.map((m) => [m.name, m]));
    const expected: [string, string][] = [
      ["starboard_events_in_total", "counter"],
      ["starboard_events_out_total", "counter"],
      ["starboard_dead_letter_total", "counter"],
      ["starboard_consumer_lag_messages", "gauge"],
      ["starboard_sink_batch_rows", "histogram"],
      ["starboard_sink_write_seconds", "histogram"],
      ["starboard_router_decision_seconds", "histogram"],
      ["starboard_subscription_fanout_seconds", "histogram"],
      ["starboard_esl_reconnects_total", "counter"],
    ];
    for (const [name, type] of expected) {
      const metric = byName.get(name);
      expect(metric, name).toBeDefined();
      expect(String(metric?.type)).toBe(type);
      expect(metric?.help.length).toBeGreaterThan(20);
    }
    // Nothing else with the prefix: the README's list is the whole list.
    expect(
      metrics
        .filter((m) => m.name.startsWith("starboard_"))
        .map((m) => m.name)
        .sort(),
    ).toEqual(expected.map(([n]) => n).sort());
  });
});

describe("instrumented log paths", () => {
  let dataDir: string;
  let log: EventLog;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-ops-metrics-"));
    log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(4));
  });

  afterEach(async () => {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const withSource = (event: StarboardEvent, source: string, id: string): StarboardEvent =>
    ({ ...event, id, source }) as StarboardEvent;

  it("counts published events per source, only once they are on the log", async () => {
    const base = exampleEvents["contact.queued"];
    const before = {
      a: await metricValue(eventsIn, { source: "ops-test-a" }),
      b: await metricValue(eventsIn, { source: "ops-test-b" }),
    };
    const events = [
      withSource(base, "ops-test-a", "m-1"),
      withSource(base, "ops-test-a", "m-2"),
      withSource(base, "ops-test-b", "m-3"),
      withSource(base, "ops-test-a", "m-4"),
    ];
    await publishEvents(log, events);
    expect(await metricValue(eventsIn, { source: "ops-test-a" })).toBe(before.a + 3);
    expect(await metricValue(eventsIn, { source: "ops-test-b" })).toBe(before.b + 1);
    // A refused call (an invalid event) counts nothing.
    const bad = {
      ...base,
      id: "m-5",
      source: "ops-test-a",
      data: { ...base.data, priority: "x" },
    } as unknown as StarboardEvent;
    await expect(publishEvents(log, [withSource(base, "ops-test-a", "m-6"), bad])).rejects.toThrow();
    expect(await metricValue(eventsIn, { source: "ops-test-a" })).toBe(before.a + 3);
  });

  it("counts dead-letter records by step once they are durable, not when they are built", async () => {
    const before = await metricValue(deadLetters, { step: "ops-test.parse" });
    const rejected = rejectedInputRecord("k", "garbage", { reason: "not JSON", step: "ops-test.parse" });
    const [ack] = await publishEvents(log, [exampleEvents["agent.ready"]]);
    const refused = deadLetterRecord(
      {
        topic: Topics.events,
        partition: ack?.partition ?? 0,
        offset: 0,
        key: "k",
        value: Buffer.from("x"),
        headers: {},
        timestamp: 0,
      },
      { reason: "bad", step: "ops-test.parse" },
      "group",
    );
    // Built but not yet published (a publish that may fail and be retried): nothing counted.
    expect(await metricValue(deadLetters, { step: "ops-test.parse" })).toBe(before);
    await log.publish(Topics.deadLetter, [rejected, refused]);
    expect(await metricValue(deadLetters, { step: "ops-test.parse" })).toBe(before + 2);
    // Records on other topics carrying the same headers are not dead letters.
    await log.publish(Topics.commands, [rejected]);
    expect(await metricValue(deadLetters, { step: "ops-test.parse" })).toBe(before + 2);
  });

  it("reports a group's lag on the gauge while it consumes, and its handled records", async () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      withSource(exampleEvents["contact.queued"], "ops-lag", `lag-${i}`),
    );
    await publishEvents(log, events);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handledBefore = await metricValue(eventsOut, { group: "ops-lag-group" });
    const subscription = await log.subscribe({
      groupId: "ops-lag-group",
      topics: [Topics.events],
      handler: async () => {
        await gate;
      },
    });
    // Held by the gate: nothing committed, the whole topic is behind, and /metrics says so.
    expect(await consumerLag(log, "ops-lag-group", Topics.events)).toBe(50);
    const text = await opsRegistry.metrics();
    expect(text).toContain(
      'starboard_consumer_lag_messages{group="ops-lag-group",topic="starboard.events"} 50',
    );
    release();
    await until(
      "the group to catch up",
      async () => (await consumerLag(log, "ops-lag-group", Topics.events)) === 0,
    );
    expect(await opsRegistry.metrics()).toContain(
      'starboard_consumer_lag_messages{group="ops-lag-group",topic="starboard.events"} 0',
    );
    expect(await metricValue(eventsOut, { group: "ops-lag-group" })).toBe(handledBefore + 50);
    await subscription.stop();
    // A stopped consumer is no longer reported.
    expect(await opsRegistry.metrics()).not.toContain(
      'starboard_consumer_lag_messages{group="ops-lag-group"',
    );
  });
});
