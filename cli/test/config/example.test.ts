import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index";

const example = fileURLToPath(new URL("../../src/config/example.yaml", import.meta.url));

describe("the example STARBOARD_CONFIG", () => {
  it("loads, with every section applied", () => {
    const config = loadConfig({
      env: { STARBOARD_CONFIG: example },
      readFile: (path) => readFileSync(path, "utf8"),
    });
    expect(config.routing.queues.map((q) => q.id)).toEqual(["billing", "vip", "general", "after-hours"]);
    expect(config.routing.queues[0]?.hours?.days[1]).toEqual([540, 1080]);
    expect(config.routing.queues[3]?.hours?.days[0]).toEqual([0, 1440]);
    expect(config.agents[0]?.skills).toHaveLength(2);
    expect(config.qaRules.map((r) => r.severity)).toEqual(["critical", "warning"]);
    // Its own keyword list; the categories it leaves out stay the built-in ones.
    expect(config.demand?.keywords).toEqual([
      expect.objectContaining({ id: "kw-slow-delivery", category: "物流慢" }),
    ]);
    expect(config.demand?.categories.length).toBeGreaterThan(3);
    expect(config.customers[0]?.identities).toContain("wechat:alice_c");
    expect(config.webhookSecret).toBe("change-me-to-a-long-random-secret");
    expect(config.routing.tiers).toEqual({ vip: 100, "high-value": 50, new: 10 });
    expect(config.alerts).toMatchObject({ longWaitSeconds: 120, utcOffsetMinutes: 480 });
  });
});
