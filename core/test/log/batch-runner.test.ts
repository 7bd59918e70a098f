import { describe, expect, it } from "vitest";
import { runBatch } from "../../src/log/batch-runner";
import { TransientError } from "../../src/log/errors";
import type {
  BatchContext,
  DeadLetterReason,
  LogRecord,
  RecordBatch,
  RetryPolicy,
} from "../../src/log/types";

const policy: RetryPolicy = { initialDelayMs: 1, maxDelayMs: 2, attemptsBeforeIsolation: 3 };

function batchOf(values: string[]): RecordBatch {
  const records: LogRecord[] = values.map((v, offset) => ({
    topic: "t",
    partition: 0,
    offset,
    key: `k${offset}`,
    value: Buffer.from(v),
    headers: {},
    timestamp: 0,
  }));
  return { topic: "t", partition: 0, records };
}

function contextRecording(running: () => boolean = () => true) {
  const dead: { offset: number; why: DeadLetterReason }[] = [];
  const context: BatchContext = {
    deadLetter: async (record, why) => {
      dead.push({ offset: record.offset, why });
    },
    heartbeat: async () => {},
    isRunning: running,
  };
  return { context, dead };
}

type Behaviour = (values: string[], attempt: number) => void;

describe("runBatch", () => {
  it.each<[string, string[], Behaviour, { outcome: string; dead: number[]; handled: string[] }]>([
    [
      "a healthy batch is handled once",
      ["a", "b"],
      () => {},
      { outcome: "done", dead: [], handled: ["a", "b"] },
    ],
    [
      "transient failures retry the whole batch, never dead-letter",
      ["a", "b"],
      (_, attempt) => {
        if (attempt < 6) throw new TransientError("ClickHouse away");
      },
      { outcome: "done", dead: [], handled: ["a", "b"] },
    ],
    [
      "a poison record is isolated and dead-lettered, the rest handled",
      ["a", "poison", "c"],
      (values) => {
        if (values.includes("poison")) throw new Error("bad record");
      },
      { outcome: "done", dead: [1], handled: ["a", "c"] },
    ],
    [
      "a batch that fails once then succeeds is not split",
      ["a", "b"],
      (_, attempt) => {
        if (attempt === 0) throw new Error("flaky");
      },
      { outcome: "done", dead: [], handled: ["a", "b"] },
    ],
  ])("%s", async (_name, values, behaviour, expected) => {
    const { context, dead } = contextRecording();
    const handled: string[] = [];
    let attempt = 0;
    const outcome = await runBatch(
      batchOf(values),
      async (batch) => {
        const batchValues = batch.records.map((r) => r.value.toString());
        behaviour(batchValues, attempt++);
        handled.push(...batchValues);
      },
      context,
      policy,
      "test",
    );
    expect(outcome.type).toBe(expected.outcome);
    expect(dead.map((d) => d.offset)).toEqual(expected.dead);
    expect(handled).toEqual(expected.handled);
    for (const d of dead) expect(d.why).toEqual({ reason: "bad record", step: "test" });
  });

  it("gives up without committing when the subscription stops during an outage", async () => {
    let running = true;
    const { context, dead } = contextRecording(() => running);
    setTimeout(() => {
      running = false;
    }, 20);
    const outcome = await runBatch(
      batchOf(["a"]),
      async () => {
        throw new TransientError("still away");
      },
      context,
      policy,
      "test",
    );
    expect(outcome.type).toBe("stopped");
    expect(dead).toEqual([]);
  });
});
