import { DeadLetterHeaders, decodeEventRecord, type EventLog, type LogRecord, Topics } from "@starboard/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CallScenario } from "../../src/esl/emulator/index";
import type { FrameErrorCode } from "../../src/esl/frame-types";
import { lifecycle, setup } from "../esl/adapter-setup";
import { waitFor } from "../esl/log-helpers";
import { ciSeed } from "./target";

// The live path: bad frames written by a real event socket (the emulator) to the real adapter
// land one by one on the dead-letter topic of a real in-process log, each counted by its code.

type BadFrame = { code: FrameErrorCode; bytes: string };

/** A topic from the start, read until `count` records arrived (not for a fixed time). */
async function readTopic(log: EventLog, topic: string, count: number): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  const sub = await log.subscribe({
    groupId: `fuzz-reader-${Math.random()}`,
    topics: [topic],
    startAt: "earliest",
    handler: async (b) => {
      records.push(...b.records);
    },
  });
  try {
    await waitFor(() => records.length >= count, 10_000);
  } finally {
    await sub.stop();
  }
  return records;
}

const noNewline = (max: number) =>
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: max }).map((s) => s.replace(/[\r\n]/g, "."));
const withLength = (head: string, body: string) =>
  `Content-Length: ${Buffer.byteLength(body)}\n${head}\n${body}`;

/** Frames that each make exactly one refusal and leave the stream at a frame boundary. */
const badFrame: fc.Arbitrary<BadFrame> = fc.oneof(
  noNewline(20)
    .filter((s) => !/^\s*\d{1,15}\s*$/.test(s))
    .map((bad) => ({
      code: "bad-content-length" as const,
      bytes: `Content-Length: ${bad}\nContent-Type: text/event-json\n\n`,
    })),
  noNewline(40).map((body) => ({
    code: "missing-content-type" as const,
    bytes: withLength("X-Fuzz: yes\n", body),
  })),
  noNewline(40).map((tail) => ({
    code: "invalid-json" as const,
    bytes: withLength("Content-Type: text/event-json\n", `{${tail}`),
  })),
  fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,10}$/).map((name) => ({
    code: "malformed-event" as const,
    bytes: withLength("Content-Type: text/event-plain\n", `${name}-Not-Event: x\n\n`),
  })),
  noNewline(40)
    .filter((s) => !s.includes(":") && s.trim() !== "")
    .map((text) => ({ code: "garbage" as const, bytes: `${text}\n\n` })),
);

describe("ESL: fuzzed bad frames on the wire", () => {
  it("each lands on the dead-letter topic once, counted under its code, and the stream goes on", async () => {
    const { emulator, fs, log, adapter } = await setup();
    const frames = fc.sample(badFrame, { seed: ciSeed, numRuns: 60 });
    for (const f of frames) emulator.injectRaw(f.bytes);
    // A real call after the noise: its events must still be read and published.
    new CallScenario(fs, { from: "+8613800138000", to: "4001" }).hangup();
    await waitFor(() => adapter.counters.deadLettered >= frames.length && adapter.counters.published >= 3);
    await adapter.idle();
    const events = (await readTopic(log, Topics.events, 3)).map((r) => decodeEventRecord(r));
    expect(lifecycle(events.flatMap((d) => (d.ok ? [d.event] : [])))).toEqual([
      "contact.created",
      "contact.disconnected",
      "contact.ended",
    ]);

    const expected: Record<string, number> = {};
    for (const f of frames) expected[f.code] = (expected[f.code] ?? 0) + 1;
    expect(adapter.counters.frameErrors).toEqual(expected);
    expect(adapter.counters.deadLettered).toBe(frames.length);
    const end = await log.endOffsets(Topics.deadLetter);
    expect([...end.values()].reduce((a, b) => a + b, 0)).toBe(frames.length);
    const dead = await readTopic(log, Topics.deadLetter, frames.length);
    expect(dead).toHaveLength(frames.length);
    // In wire order, each with its code as the reason's first word.
    expect(dead.map((r) => r.headers[DeadLetterHeaders.reason]?.split(":")[0])).toEqual(
      frames.map((f) => f.code),
    );
    expect(dead.every((r) => r.headers[DeadLetterHeaders.step] === "esl.frame")).toBe(true);
  });
});
