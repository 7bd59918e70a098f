import { createServer, type Server } from "node:http";
import { createLogger, publishEvents, Topics } from "@starboard/core";
import { EslEmulator } from "@starboard/ingest";
import { afterAll, describe, expect, it } from "vitest";
import { defaultOpsPort, defaults, type StarboardConfig } from "../../src/config/index";
import { type Platform, startPlatform } from "../../src/start/platform";
import { summary } from "../../src/start/summary";
import { captureIo, queued, tempDir, until } from "./helpers";

// The operations surface of a running platform: /metrics moves while events flow, /readyz is 503
// while the sink lags and 200 once it caught up. The sink is held behind deterministically with the
// fault suite's failpoint (the warehouse refuses writes for a while), not by racing a backlog.
// chdb allows one data directory per process: this file (its own fork) uses one.
const data = tempDir("starboard-ops-");
afterAll(() => data.remove());

function config(services: StarboardConfig["services"]): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    services,
    ports: { ...base.ports, graphql: 0, chat: 0, tickets: 0, ops: 0 },
    simulator: { ...base.simulator, mode: "off" },
  };
}

function jsonLog() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

let platform: Platform | undefined;
// The first test's terminal lines and JSON log lines, read by the second.
const io = captureIo();
const json = jsonLog();
afterAll(async () => {
  await platform?.stop();
});

async function get(path: string) {
  const url = platform?.ops.url;
  if (url === undefined) throw new Error("the platform is not running");
  const response = await fetch(`${url}${path}`);
  return { status: response.status, text: await response.text() };
}

/** One sample from Prometheus text: `name{labels} value`, 0 when the series is absent. */
function sample(text: string, series: string): number {
  for (const line of text.split("\n"))
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  return 0;
}

describe("the ops server of starboard start", () => {
  it("scrapes moving counters and a consumer-lag gauge, and is not ready while the sink lags", async () => {
    const previous = process.env.STARBOARD_FAILPOINTS;
    process.env.STARBOARD_FAILPOINTS = "sink.insert=fail-for:12s";
    try {
      const logger = createLogger({ service: "ops-test", level: "info", destination: json.destination });
      platform = await startPlatform(config(["router", "qa", "sink", "graphql"]), io, undefined, logger);
    } finally {
      if (previous === undefined) delete process.env.STARBOARD_FAILPOINTS;
      else process.env.STARBOARD_FAILPOINTS = previous;
    }
    const running = platform;
    expect(running.ops.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(summary(running).some((l) => l.includes("/metrics, /healthz, /readyz"))).toBe(true);

    expect((await get("/healthz")).status).toBe(200);
    // Nothing on the log yet: every consumer is caught up.
    const idle = await get("/readyz");
    expect(idle.status).toBe(200);
    expect(
      JSON.parse(idle.text)
        .checks.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(["log", "platform", "qa", "router", "sink", "warehouse"].sort());
    const before = (await get("/metrics")).text;

    // A backlog well past the readiness tolerance, and one record that is not an event.
    const events = Array.from({ length: 3_000 }, (_, i) => queued(`ops-${i}`, "ops-queue", "test-ops"));
    for (let at = 0; at < events.length; at += 500)
      await publishEvents(running.log, events.slice(at, at + 500));
    await running.log.publish(Topics.events, [{ key: "garbage", value: "not an event" }]);

    let lagging = { status: 0, text: "" };
    await until("/readyz to say the sink lags", async () => {
      lagging = await get("/readyz");
      return lagging.status === 503 && JSON.parse(lagging.text).failing.includes("sink");
    });
    const body = JSON.parse(lagging.text) as { checks: { name: string; detail?: string }[] };
    expect(body.checks.find((c) => c.name === "sink")?.detail).toMatch(/^sql-sink: \d+ records behind/);

    const during = (await get("/metrics")).text;
    expect(sample(during, 'starboard_events_in_total{source="test-ops"}')).toBe(
      sample(before, 'starboard_events_in_total{source="test-ops"}') + 3_000,
    );
    expect(
      sample(during, 'starboard_consumer_lag_messages{group="sql-sink",topic="starboard.events"}'),
    ).toBeGreaterThan(1_000);
    await until("the router to handle the backlog", async () => {
      const text = (await get("/metrics")).text;
      return (
        sample(text, 'starboard_events_out_total{group="router"}') >=
        sample(before, 'starboard_events_out_total{group="router"}') + 3_001
      );
    });

    // The warehouse takes writes again after the failpoint's window: the sink catches up.
    await until("/readyz to turn ready", async () => (await get("/readyz")).status === 200, 90_000);
    const after = (await get("/metrics")).text;
    expect(sample(after, "starboard_sink_batch_rows_count")).toBeGreaterThan(
      sample(before, "starboard_sink_batch_rows_count"),
    );
    expect(sample(after, "starboard_sink_batch_rows_sum")).toBeGreaterThanOrEqual(
      sample(before, "starboard_sink_batch_rows_sum") + 3_000,
    );
    // Refused writes are timed too, apart from the ones that went through.
    expect(sample(after, 'starboard_sink_write_seconds_count{outcome="failed"}')).toBeGreaterThan(
      sample(before, 'starboard_sink_write_seconds_count{outcome="failed"}'),
    );
    expect(sample(after, 'starboard_sink_write_seconds_count{outcome="ok"}')).toBeGreaterThan(
      sample(before, 'starboard_sink_write_seconds_count{outcome="ok"}'),
    );
    expect(
      sample(after, 'starboard_consumer_lag_messages{group="sql-sink",topic="starboard.events"}'),
    ).toBeLessThanOrEqual(1_000);
    expect(sample(after, 'starboard_dead_letter_total{step="sink.convert"}')).toBeGreaterThan(
      sample(before, 'starboard_dead_letter_total{step="sink.convert"}'),
    );
    expect(after).toContain("process_resident_memory_bytes");
    expect(after).toContain("nodejs_eventloop_lag_seconds");
  });

  it("shows the generated admin key on the terminal only, never in the JSON log, and closes with the platform", async () => {
    const running = platform;
    if (running === undefined) throw new Error("the first test did not start the platform");
    await running.stop();
    platform = undefined;
    const announced = io.lines.find((l) => l.includes("this run's admin key is"));
    const key = /admin key is (\S+)/.exec(announced ?? "")?.[1];
    expect(key).toMatch(/^dev-/);
    const lines = json.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["started", "stopping"]));
    expect(lines.find((l) => l.msg === "started")).toMatchObject({ level: "info", service: "ops-test" });
    expect(json.lines.join("")).not.toContain(key);
    const { status } = await fetch(running.ops.url).then(
      (r) => ({ status: r.status }),
      () => ({ status: 0 }),
    );
    // The ops server is closed with the rest: nothing answers any more.
    expect(status).toBe(0);
  });

  it("counts an ESL reconnect after the switch drops the connection", async () => {
    const switchboard = new EslEmulator({ password: "pw" });
    const port = await switchboard.listen(0);
    try {
      platform = await startPlatform(
        { ...config(["esl"]), esl: { host: "127.0.0.1", port, password: "pw" } },
        captureIo(),
        undefined,
        createLogger({ service: "ops-test", destination: jsonLog().destination }),
      );
      const reconnects = async () => sample((await get("/metrics")).text, "starboard_esl_reconnects_total");
      const before = await reconnects();
      const reconnected = platform.telephony?.adapter.nextConnect();
      switchboard.dropConnections();
      await reconnected;
      expect(await reconnects()).toBe(before + 1);
    } finally {
      await platform?.stop();
      platform = undefined;
      await switchboard.close();
    }
  });

  it("gives way to a free port when the default ops port is taken, and says where it went", async () => {
    // Someone else (another start, another suite) may hold 9464 already: either way it is taken.
    const holder: Server = createServer();
    await new Promise<void>((resolve) => {
      holder.once("error", () => resolve());
      holder.listen(defaultOpsPort, "127.0.0.1", () => resolve());
    });
    const switchboard = new EslEmulator({ password: "pw" });
    const port = await switchboard.listen(0);
    const terminal = captureIo();
    try {
      const base = config(["esl"]);
      platform = await startPlatform(
        {
          ...base,
          ports: { ...base.ports, ops: defaultOpsPort },
          esl: { host: "127.0.0.1", port, password: "pw" },
        },
        terminal,
        undefined,
        createLogger({ service: "ops-test", destination: jsonLog().destination }),
      );
      expect(platform.ops.server.port).not.toBe(defaultOpsPort);
      expect(terminal.lines).toContain(
        `  ops port ${defaultOpsPort} is taken: serving on ${platform.ops.url} instead (set --ops-port to choose)`,
      );
      expect((await get("/healthz")).status).toBe(200);
    } finally {
      await platform?.stop();
      platform = undefined;
      await switchboard.close();
      if (holder.listening) await new Promise((resolve) => holder.close(resolve));
    }
  });
});
