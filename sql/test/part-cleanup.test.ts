import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { freshWarehouse } from "./warehouse";

// Migration 0022: a table's outdated parts go within seconds of a merge, pass after pass, where
// the engine's own pacing waits 30 s after a start and longer each pass that finds little to do.

let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  // As after a restart: the cleanup task takes its first sleep from the settings the table
  // starts with, and this table started before 0022 altered them.
  await warehouse.command("DETACH TABLE supervisor_actions");
  await warehouse.command("ATTACH TABLE supervisor_actions");
});
afterAll(() => dispose());

const outdatedParts = async () =>
  (
    await warehouse.query<{ n: number }>(
      "SELECT toUInt32(count()) AS n FROM system.parts WHERE database = currentDatabase() AND table = 'supervisor_actions' AND NOT active",
    )
  )[0]?.n ?? Number.NaN;

/** 40 one-row inserts merged into one part (40 or more outdated); ms until none is left. */
async function mergeAndTimeRemoval(limitMs: number): Promise<number> {
  for (let i = 0; i < 40; i++)
    await warehouse.command(
      "INSERT INTO supervisor_actions SELECT * REPLACE (now64(3) AS time) FROM generateRandom() LIMIT 1",
    );
  await warehouse.command("OPTIMIZE TABLE supervisor_actions FINAL");
  expect(await outdatedParts()).toBeGreaterThanOrEqual(40);
  const started = Date.now();
  while ((await outdatedParts()) !== 0 && Date.now() - started < limitMs)
    await new Promise((r) => setTimeout(r, 250));
  return Date.now() - started;
}

describe("outdated parts", () => {
  it.each([1, 2, 3])(
    "are removed within seconds of a merge (pass %i)",
    async () => {
      const took = await mergeAndTimeRemoval(20_000);
      expect(await outdatedParts()).toBe(0);
      expect(took).toBeLessThan(12_000);
    },
    30_000,
  );
});
