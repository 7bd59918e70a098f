import type { StarboardEvent } from "@starboard/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Outbox } from "../../src/simulator/outbox";
import { readEvents, tempLog } from "../esl/log-helpers";

// The simulator's own events (desktop, speech-to-text, surveys) on the real in-process log. The
// simulator flushes every 5 ms; a publish at load takes longer, so what is added meanwhile must go
// as one publish after it, not queue one publish per flush.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function segment(n: number): StarboardEvent {
  return {
    id: `outbox-test-seg${n}`,
    type: "transcript.segment",
    version: 1,
    time: new Date(Date.UTC(2026, 11, 2, 9, 0, n)).toISOString(),
    tenant: "default",
    source: "asr",
    channel: "voice",
    contactId: "call-1",
    data: {
      segmentId: `call-1-s${n}`,
      speaker: "agent",
      text: `line ${n}`,
      startMs: n * 1_000,
      endMs: n * 1_000 + 500,
    },
  };
}

async function setup() {
  const { log, dispose } = await tempLog();
  cleanups.push(dispose);
  const publish = vi.spyOn(log, "publish");
  return { log, publish, outbox: new Outbox(log) };
}

describe("Outbox", () => {
  it("sends what was added during a publish as one publish after it, in the order added", async () => {
    const { log, publish, outbox } = await setup();
    const added: Promise<void>[] = [outbox.add(segment(0))];
    const flushes = [outbox.flush()];
    // Nine flush ticks while the first publish is in flight, each after one more event.
    for (let n = 1; n < 10; n++) {
      added.push(outbox.add(segment(n)));
      flushes.push(outbox.flush());
    }
    await Promise.all([...flushes, ...added]);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(outbox.published).toBe(10);
    expect((await readEvents(log)).map((e) => e.id)).toEqual(
      Array.from({ length: 10 }, (_, n) => `outbox-test-seg${n}`),
    );
  });

  it("resolves a flush only once every event added before it is on the log", async () => {
    const { log, outbox } = await setup();
    void outbox.add(segment(1));
    void outbox.flush();
    void outbox.add(segment(2));
    await outbox.flush();
    expect(outbox.published).toBe(2);
    expect((await readEvents(log)).map((e) => e.id)).toEqual(["outbox-test-seg1", "outbox-test-seg2"]);
    await expect(outbox.flush()).resolves.toBeUndefined();
  });

  it("counts a failed publish, answers its events, and publishes the next ones", async () => {
    const { log, publish, outbox } = await setup();
    publish.mockRejectedValueOnce(new Error("log unavailable"));
    const first = outbox.add(segment(1));
    await outbox.flush();
    await first;
    expect(outbox.errors).toBe(1);
    expect(outbox.lastError).toBe("log unavailable");
    void outbox.add(segment(2));
    await outbox.flush();
    expect(outbox.published).toBe(1);
    expect((await readEvents(log)).map((e) => e.id)).toEqual(["outbox-test-seg2"]);
  });
});
