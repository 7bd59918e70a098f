import { describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { routingFor } from "../../src/start/routing";

function config(file: string | undefined, queues: string[]): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    configFile: file,
    routing: { queues: queues.map((id) => ({ id, thresholdSeconds: 42 })) },
    simulator: { mode: "on", speed: 10, seed: 1 },
  };
}

describe("routingFor: the queues the router and the API know", () => {
  it.each([
    [
      "no file, simulator off: defaults plus the demo's queues (old demo data still routes)",
      undefined,
      false,
      true,
    ],
    ["no file, simulator on", undefined, true, true],
    ["a file, simulator off: the file's queues only", "./x.yaml", false, false],
    ["a file, simulator on: the file's queues plus the demo's", "./x.yaml", true, true],
  ])("%s", (_name, file, simulatorOn, withDemo) => {
    const routing = routingFor(config(file, ["support@default", "billing"]), simulatorOn);
    const ids = routing.queues.map((q) => q.id);
    expect(ids.slice(0, 2)).toEqual(["support@default", "billing"]);
    expect(ids.includes("vip")).toBe(withDemo);
    // A configured queue of the same id wins over the demo's.
    expect(routing.queues.filter((q) => q.id === "billing")).toEqual([
      { id: "billing", thresholdSeconds: 42 },
    ]);
  });

  it("widens the reorder tolerance with the simulator's speed", () => {
    expect(routingFor(config(undefined, []), true).reorderToleranceMs).toBe(50_000);
    expect(routingFor(config(undefined, []), false).reorderToleranceMs).toBe(5_000);
  });
});
