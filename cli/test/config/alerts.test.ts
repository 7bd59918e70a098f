import { DEFAULT_ALERT_THRESHOLDS, InProcessEventLog, standardTopics } from "@starboard/core";
import { createWarehouseClient } from "@starboard/sql";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index";
import { startApi } from "../../src/start/graphql";
import { tempDir } from "../start/helpers";

const file = "./alerts.yaml";

function load(yaml: string | undefined) {
  return loadConfig({
    env: yaml === undefined ? {} : { STARBOARD_CONFIG: file },
    flags: {},
    readFile: () => yaml ?? "",
  });
}

const configured = `
businessHours:
  utcOffsetMinutes: 480
  days: { mon: 09:00-18:00 }
alerts:
  longWaitSeconds: 45
  wrapupSeconds: 90
  awaySeconds: { meal: 1800, coaching: 2700 }
  minContactsForServiceLevel: 25
  criticalServiceLevelGap: 0.05
`;

describe("alert thresholds from STARBOARD_CONFIG", () => {
  it("keeps the built-in thresholds and UTC days when the file names none", () => {
    const { evaluateEveryMs: _cadence, ...expected } = DEFAULT_ALERT_THRESHOLDS;
    expect(load(undefined).alerts).toEqual(expected);
    expect(load("tenant: t1\n").alerts).toEqual(expected);
  });

  it("takes the file's thresholds, lays its away reasons over the defaults, and the day from businessHours", () => {
    expect(load(configured).alerts).toEqual({
      longWaitSeconds: 45,
      wrapupSeconds: 90,
      awaySeconds: { meal: 1800, training: 7200, coaching: 2700, "*": 900 },
      minContactsForServiceLevel: 25,
      criticalServiceLevelGap: 0.05,
      utcOffsetMinutes: 480,
    });
  });

  it.each([
    ["alerts: { longWaitSeconds: 0 }\n", "alerts.longWaitSeconds: expected a positive number"],
    ["alerts: { awaySeconds: { meal: soon } }\n", "alerts.awaySeconds.meal: expected a positive number"],
    ["alerts: { criticalServiceLevelGap: 10 }\n", "alerts.criticalServiceLevelGap: expected a fraction"],
    ["alerts: { minContactsForServiceLevel: 2.5 }\n", "alerts.minContactsForServiceLevel: expected a whole"],
    ["alerts: { longWait: 60 }\n", 'alerts: unknown key "longWait"'],
    ["alerts: { evaluateEveryMs: 10 }\n", 'alerts: unknown key "evaluateEveryMs"'],
  ])("refuses %j naming the key", (yaml, message) => {
    expect(() => load(yaml)).toThrow(ConfigError);
    expect(() => load(yaml)).toThrow(message);
  });

  it("reach the API's live state, beside the cadence start derives from the speed", async () => {
    const data = tempDir("starboard-alert-config-");
    const log = new InProcessEventLog({ dataDir: data.dir });
    await log.ensureTopics(standardTopics(2));
    const warehouse = await createWarehouseClient({ dataDir: data.dir, url: "" });
    const loaded = load(configured);
    const config = { ...loaded, ports: { ...loaded.ports, graphql: 0 } };
    const { server } = await startApi(config, config.routing, log, warehouse, undefined, 50);
    try {
      expect(server.feed.live.thresholds).toEqual({ ...config.alerts, evaluateEveryMs: 7_500 });
    } finally {
      await server.close();
      await log.close();
      await warehouse.close();
      data.remove();
    }
  });
});
