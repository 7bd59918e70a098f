import { exampleEvents, type InProcessEventLog, Topics } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { startSink } from "../src/sink/index";
import { observedWarehouse } from "./observed";
import { freshLogAndWarehouse } from "./warehouse";

// The sink sends the log's bytes as they are when it can. Bytes that pass the checks but that
// ClickHouse reads differently from JSON.parse (a repeated key) are refused by the real engine; the
// sink then sends the same rows re-serialized, once, and every event lands with the values checked.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
let log: InProcessEventLog;

beforeAll(async () => {
  ({ warehouse, log, dispose } = await freshLogAndWarehouse(1));
});
afterAll(() => dispose());

async function drain(groupId: string, into: Warehouse) {
  const sink = await startSink({ log, warehouse: into, groupId, maxDelayMs: 10 });
  const end = [...(await log.endOffsets(Topics.events)).values()].reduce((a, b) => a + b, 0);
  for (let i = 0; i < 600; i++) {
    const committed = [...(await log.committedOffsets(groupId, Topics.events)).values()];
    if (committed.reduce((a, b) => a + b, 0) >= end) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await sink.stop();
  return sink.stats;
}

describe("sink: events as the log carried them", () => {
  it("stores plain, pretty-printed and non-ASCII events with the log's position", async () => {
    const queued = { ...exampleEvents["contact.queued"], id: "input-plain" };
    const pretty = { ...exampleEvents["agent.ready"], id: "input-pretty", source: "坐席端" };
    await log.publish(Topics.events, [
      { key: "a", value: JSON.stringify(queued) },
      { key: "b", value: JSON.stringify(pretty, null, 2) },
    ]);
    const target = observedWarehouse(warehouse);
    const stats = await drain("input-plain", target);
    expect(stats).toMatchObject({ written: 2, deadLettered: 0 });
    expect(target.outcomes).toEqual(["ok"]);
    const rows = await warehouse.query<Record<string, unknown>>(
      "SELECT id, type, toString(time) AS time, source, contact_id, agent_id, data, log_topic, log_offset FROM raw_events WHERE id LIKE 'input-%' ORDER BY id",
    );
    expect(rows.map((r) => ({ ...r, data: JSON.parse(String(r.data)) }))).toEqual([
      {
        id: "input-plain",
        type: "contact.queued",
        time: "2026-11-30 09:15:21.910",
        source: queued.source,
        contact_id: queued.contactId,
        agent_id: "",
        data: queued.data,
        log_topic: Topics.events,
        log_offset: 0,
      },
      {
        id: "input-pretty",
        type: "agent.ready",
        time: `${pretty.time.slice(0, 10)} ${pretty.time.slice(11, 23)}`,
        source: "坐席端",
        contact_id: "",
        agent_id: pretty.agentId,
        data: pretty.data,
        log_topic: Topics.events,
        log_offset: 1,
      },
    ]);
  });

  it("sends the rows again re-serialized when ClickHouse refuses a repeated key", async () => {
    const base = { ...exampleEvents["agent.ready"], id: "input-repeated" };
    const repeated = JSON.stringify(base).replace(/}$/, `,"source":"the-last-one"}`);
    const neighbour = { ...exampleEvents["agent.ready"], id: "input-neighbour" };
    await log.publish(Topics.events, [
      { key: "c", value: repeated },
      { key: "d", value: JSON.stringify(neighbour) },
    ]);
    const target = observedWarehouse(warehouse);
    const stats = await drain("input-repeated", target);
    expect(stats).toMatchObject({ deadLettered: 0 });
    expect(target.outcomes).toHaveLength(2);
    expect(target.outcomes[0]).toMatch(/Duplicate field|INCORRECT_DATA/);
    expect(target.outcomes[1]).toBe("ok");
    const rows = await warehouse.query<{ id: string; source: string; n: string }>(
      "SELECT id, any(source) AS source, toString(count()) AS n FROM raw_events WHERE id IN ('input-repeated', 'input-neighbour') GROUP BY id ORDER BY id",
    );
    expect(rows).toEqual([
      { id: "input-neighbour", source: neighbour.source, n: "1" },
      { id: "input-repeated", source: "the-last-one", n: "1" },
    ]);
  });
});
