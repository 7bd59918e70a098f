import { exampleEvents, type InProcessEventLog, publishEvents, Topics } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RowsInsert, Warehouse } from "../src/client";
import { type SinkProblem, startSink } from "../src/sink/index";
import { freshLogAndWarehouse } from "./warehouse";

// A warehouse that refuses writes makes the log deliver the same batch again: its good records must
// be written once and its bad record dead-lettered once, however many tries the write took.

let warehouse: Warehouse;
let dispose: () => Promise<void>;
let log: InProcessEventLog;

beforeAll(async () => {
  ({ warehouse, log, dispose } = await freshLogAndWarehouse(1));
});
afterAll(() => dispose());

/** The real warehouse, whose first `failures` inserts throw as a refusing server would. */
function refusing(target: Warehouse, failures: number): Warehouse & { attempts: number } {
  const wrapped = {
    ...target,
    attempts: 0,
    query: target.query.bind(target),
    command: target.command.bind(target),
    close: target.close.bind(target),
    insertRows: async (insert: RowsInsert) => {
      wrapped.attempts += 1;
      if (wrapped.attempts <= failures) throw new Error("connection refused (test)");
      await target.insertRows(insert);
    },
  };
  return wrapped;
}

describe("sink: a write retried after the warehouse refused it", () => {
  it("writes the good records once and dead-letters the bad one once", async () => {
    const good = Object.values(exampleEvents)
      .slice(0, 20)
      .map((e, i) => ({ ...e, id: `retry-${i}` }));
    await log.publish(Topics.events, [{ key: "bad", value: "{not json" }]);
    await publishEvents(log, good);
    const flaky = refusing(warehouse, 3);
    const problems: SinkProblem[] = [];
    const sink = await startSink({
      log,
      warehouse: flaky,
      maxDelayMs: 10,
      firstRetryMs: 20,
      onProblem: (p) => problems.push(p),
    });
    const end = [...(await log.endOffsets(Topics.events)).values()].reduce((a, b) => a + b, 0);
    for (let i = 0; i < 600; i++) {
      const committed = [...(await log.committedOffsets("sql-sink", Topics.events)).values()];
      if (committed.reduce((a, b) => a + b, 0) >= end) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await sink.stop();
    expect(flaky.attempts).toBeGreaterThan(3);
    // Each refusal told to the operator, numbered, before the same write went again.
    expect(problems.slice(0, 3).map((p) => (p.type === "retry" ? p.attempt : p.type))).toEqual([1, 2, 3]);
    expect(sink.stats.failedAttempts).toBe(3);
    const [rows] = await warehouse.query<{ n: number }>(
      "SELECT toUInt32(count()) AS n FROM raw_events WHERE id LIKE 'retry-%'",
    );
    expect(rows).toEqual({ n: good.length });
    const deadLetters = [...(await log.endOffsets(Topics.deadLetter)).values()].reduce((a, b) => a + b, 0);
    expect({ deadLetters, counted: sink.stats.deadLettered }).toEqual({ deadLetters: 1, counted: 1 });
  });
});
