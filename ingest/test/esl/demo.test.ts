import type { StarboardEvent } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { DemoTraffic } from "../../src/esl/emulator/demo";
import { FsSwitch } from "../../src/esl/emulator/fs-switch";
import { FsHeaders } from "../../src/esl/headers";
import { EslMapper } from "../../src/esl/mapper";
import { waitFor } from "./log-helpers";

/** A seeded generator (mulberry32): the same demo every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("DemoTraffic on the emulated switch", () => {
  it("every demo event maps cleanly, and finished calls end with a hang-up cause", async () => {
    const fs = new FsSwitch({ startMicros: Date.UTC(2026, 10, 30, 9) * 1000 });
    const mapper = new EslMapper({ source: "esl:demo" });
    const events: StarboardEvent[] = [];
    const refused: string[] = [];
    fs.onEvent((e) => {
      const headers = new FsHeaders();
      for (const [n, v] of e.headers) headers.add(n, v);
      const mapped = mapper.map(e.body === undefined ? { headers } : { headers, body: e.body });
      if (mapped.kind === "ok") events.push(...mapped.events);
      else if (mapped.kind === "dlq") refused.push(mapped.reason);
    });
    // Two agents and calls every 10 emulated seconds: some callers must wait, a few give up.
    const demo = new DemoTraffic(fs, {
      callEverySeconds: 10,
      speed: 400,
      agents: ["1001@default", "1002@default"],
      random: seeded(7),
    });
    demo.start();
    await waitFor(() => events.filter((e) => e.type === "contact.disconnected").length >= 6, 15_000);
    demo.stop();
    expect(refused).toEqual([]);
    const disconnected = events.filter((e) => e.type === "contact.disconnected");
    for (const d of disconnected) {
      expect(d.data).toMatchObject({
        hangupCause: expect.stringMatching(/^(NORMAL_CLEARING|ORIGINATOR_CANCEL)$/),
      });
      const own = events.filter((e) => e.contactId === d.contactId).map((e) => e.type);
      expect(own.slice(0, 3)).toEqual(["contact.created", "contact.ivr-entered", "contact.queued"]);
      expect(own).toContain(own.includes("contact.abandoned") ? "contact.ended" : "contact.connected");
    }
    const times = events.map((e) => Date.parse(e.time));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
  });
});
