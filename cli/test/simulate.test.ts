import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeEventRecord, InProcessEventLog, standardTopics, Topics } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture } from "./capture-io";

// `starboard simulate --days`: what a user sees, and what lands on the embedded log.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  delete process.env.STARBOARD_DATA_DIR;
});

async function logIds(dataDir: string): Promise<string[]> {
  const log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
  await log.ensureTopics(standardTopics());
  const ids: string[] = [];
  const sub = await log.subscribe({
    groupId: "reader",
    topics: [Topics.events],
    startAt: "earliest",
    handler: async (batch) => {
      for (const r of batch.records) {
        const d = decodeEventRecord(r);
        if (d.ok) ids.push(d.event.id);
      }
    },
  });
  await new Promise((r) => setTimeout(r, 400));
  await sub.stop();
  await log.close();
  return ids;
}

describe("starboard simulate", () => {
  it("back-fills days of valid events, and a second run repeats the same ids", async () => {
    const dir = mkdtempSync(join(tmpdir(), "starboard-simulate-"));
    dirs.push(dir);
    process.env.STARBOARD_DATA_DIR = dir;
    const args = [
      "simulate",
      "--days",
      "2",
      "--seed",
      "5",
      "--agents",
      "10",
      "--end",
      "2026-11-30T00:00:00Z",
      "--json",
    ];
    const first = capture();
    expect(await main(args, first)).toBe(0);
    const summary = JSON.parse(first.stdout[0] ?? "{}") as {
      events: number;
      contacts: number;
      tickets: number;
      days: number;
    };
    expect(summary.days).toBe(2);
    expect(summary.contacts).toBeGreaterThan(200);
    expect(summary.tickets).toBeGreaterThan(0);
    expect(first.stderr).toEqual([
      expect.stringMatching(/^day 1\/2: \d+ events$/),
      expect.stringMatching(/^day 2\/2: \d+ events$/),
    ]);
    const once = await logIds(dir);
    expect(once.length).toBe(summary.events);
    expect(new Set(once).size).toBe(once.length);
    const second = capture();
    expect(await main(args, second)).toBe(0);
    const twice = await logIds(dir);
    // The log keeps both runs' records; the ids are the same, so the sink keeps one of each.
    expect(twice.length).toBe(2 * once.length);
    expect(new Set(twice).size).toBe(once.length);
  });

  it.each([
    [["simulate"], /missing --days/],
    [["simulate", "--days", "0"], /--days must be an integer in 1..3650 \(got "0"\)/],
    [["simulate", "--days", "3", "--end", "yesterday"], /--end must be an ISO-8601 time/],
    [["simulate", "--days", "3", "--agents", "2"], /--agents must be an integer in 5..5000/],
  ])("%j is a usage error with the reason", async (args, message) => {
    const io = capture();
    expect(await main(args, io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(message);
    expect(io.stderr.join("\n")).toContain("starboard simulate --days <n> [--seed <n>]");
  });

  it("explains itself with --help", async () => {
    const io = capture();
    expect(await main(["simulate", "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("--days <n>");
  });
});
