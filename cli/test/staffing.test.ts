import { staffingAt } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture } from "./capture-io";

const base = ["--calls", "360", "--interval", "1800", "--aht", "240", "--target", "0.8", "--threshold", "20"];

async function json(argv: string[]): Promise<Record<string, number>> {
  const io = capture();
  expect(await main(["staffing", ...argv, "--json"], io)).toBe(0);
  expect(io.stdout).toHaveLength(1);
  return JSON.parse(io.stdout[0] ?? "") as Record<string, number>;
}

describe("starboard staffing", () => {
  it("prints exactly agents, serviceLevel, asa and occupancy as JSON", async () => {
    const out = await json(base);
    expect(Object.keys(out)).toEqual(["agents", "serviceLevel", "asa", "occupancy"]);
    // 360 calls × 240 s / 1800 s = 48 erlangs.
    expect(out.occupancy).toBeCloseTo(48 / (out.agents ?? 1), 12);
    expect(out.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it("answers the smallest staffing: one agent fewer misses the target", async () => {
    const out = await json(base);
    const agents = out.agents ?? 0;
    const model = { trafficErlangs: 48, ahtSeconds: 240, thresholdSeconds: 20 };
    expect(staffingAt({ ...model, agents }).serviceLevel).toBeCloseTo(out.serviceLevel ?? 0, 12);
    expect(staffingAt({ ...model, agents: agents - 1 }).serviceLevel).toBeLessThan(0.8);
  });

  it("accepts a percentage target", async () => {
    expect(await json(base.map((a) => (a === "0.8" ? "80%" : a)))).toEqual(await json(base));
  });

  it("stays exact for thousands of agents (no factorial overflow)", async () => {
    const out = await json([
      "--calls",
      "100000",
      "--interval",
      "3600",
      "--aht",
      "300",
      "--target",
      "0.9",
      "--threshold",
      "15",
    ]);
    expect(out.agents).toBeGreaterThan(8333);
    expect(out.agents).toBeLessThan(8600);
    expect(out.serviceLevel).toBeGreaterThanOrEqual(0.9);
    expect(Number.isFinite(out.asa)).toBe(true);
  });

  it("prints a readable table without --json", async () => {
    const io = capture();
    expect(await main(["staffing", ...base], io)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/agents\s+\d+/);
    expect(io.stdout.join("\n")).toContain("48.00 erlangs");
  });

  it.each([
    ["calls", "-1"],
    ["calls", "many"],
    ["interval", "0"],
    ["aht", ""],
    ["target", "1"],
    ["target", "80"],
    ["target", "0"],
    ["threshold", "-5"],
  ])("refuses --%s %j naming the flag", async (flag, value) => {
    const argv = [...base];
    argv[argv.indexOf(`--${flag}`) + 1] = value;
    const io = capture();
    expect(await main(["staffing", ...argv], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain(`--${flag}`);
  });

  it.each(["calls", "interval", "aht", "target", "threshold"])("requires --%s", async (flag) => {
    const argv = [...base];
    argv.splice(argv.indexOf(`--${flag}`), 2);
    const io = capture();
    expect(await main(["staffing", ...argv], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain(`--${flag} is required`);
  });
});
