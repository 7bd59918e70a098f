import { afterEach, describe, expect, it } from "vitest";
import { eslReconnects, type OpsServer, Readiness, startOpsServer } from "../../src/ops/index";

let server: OpsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(path: string, method = "GET") {
  if (server === undefined) throw new Error("no server");
  const response = await fetch(`${server.url}${path}`, { method });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

describe("startOpsServer over HTTP", () => {
  it("answers /healthz while the process runs, and /readyz by the registered checks", async () => {
    const readiness = new Readiness();
    let caughtUp = false;
    readiness.add({ name: "log", ready: () => true });
    readiness.add({
      name: "sink",
      ready: () => ({ ok: caughtUp, detail: caughtUp ? "caught up" : "4000 behind" }),
    });
    server = await startOpsServer({ readiness, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(health.type).toMatch(/^application\/json/);
    expect(JSON.parse(health.text)).toMatchObject({ status: "healthy", failing: [], pid: process.pid });

    const notReady = await get("/readyz");
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.text)).toEqual({
      status: "not ready",
      failing: ["sink"],
      checks: [
        { name: "log", ok: true },
        { name: "sink", ok: false, detail: "4000 behind" },
      ],
    });
    caughtUp = true;
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({ status: "ready", failing: [] });
  });

  it("serves the registry in Prometheus text format, with Node's process metrics", async () => {
    server = await startOpsServer({ readiness: new Readiness(), port: 0 });
    const before = await get("/metrics");
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.text).toContain("# TYPE starboard_esl_reconnects_total counter");
    expect(before.text).toContain("process_resident_memory_bytes");
    expect(before.text).toContain("nodejs_eventloop_lag_seconds");
    const count = (text: string) => Number(/^starboard_esl_reconnects_total (\d+)$/m.exec(text)?.[1]);
    eslReconnects.inc();
    expect(count((await get("/metrics")).text)).toBe(count(before.text) + 1);
  });

  it("refuses other methods and unknown paths clearly", async () => {
    server = await startOpsServer({ readiness: new Readiness(), port: 0 });
    expect((await get("/metrics", "POST")).status).toBe(405);
    const missing = await get("/nope");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).error).toContain("/healthz");
  });

  it("fails to start with the reason when the port is taken", async () => {
    server = await startOpsServer({ readiness: new Readiness(), port: 0 });
    await expect(startOpsServer({ readiness: new Readiness(), port: server.port })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});
