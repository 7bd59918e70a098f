import { createLogger, Readiness, startOpsServer } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { LogFaults } from "../../src/start/ops";

// A consumer partition the embedded log stopped (its store failed) does not come back without a
// restart: /healthz must fail so a supervisor process (systemd, Kubernetes) restarts it, and the
// reason must reach the JSON log. The ops server and readiness registry are the real ones.
describe("LogFaults", () => {
  it("turns a stopped consumer into a failing /healthz with the reason, and logs it as an error", async () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: "faults-test",
      level: "info",
      destination: { write: (line: string) => void lines.push(line) },
    });
    const faults = new LogFaults(logger);
    const readiness = new Readiness();
    readiness.add({ name: "log", ready: () => true, healthy: faults.healthy });
    const server = await startOpsServer({ readiness, port: 0, host: "127.0.0.1" });
    try {
      const before = await fetch(`${server.url}/healthz`);
      expect(before.status).toBe(200);

      faults.record({ type: "checkpoint-inline", reason: "worker exited" });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      faults.record({
        type: "consumer-stopped",
        groupId: "sql-sink",
        topic: "starboard.events",
        partition: 3,
        error: new Error("no such table: batches_1_3"),
      });
      const after = await fetch(`${server.url}/healthz`);
      expect(after.status).toBe(503);
      const body = (await after.json()) as { checks: { name: string; ok: boolean; detail?: string }[] };
      expect(body.checks.find((c) => c.name === "log")).toMatchObject({
        ok: false,
        detail: expect.stringContaining("consumer sql-sink starboard.events/3 stopped: no such table"),
      });
    } finally {
      await server.close();
    }
    const errors = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === "error");
    expect(errors.map((e) => e.msg)).toEqual([
      "the WAL checkpoint worker failed; checkpoints now run on the appending thread",
      "a consumer stopped on a store failure; its partition waits until a restart",
    ]);
    expect(errors[1]).toMatchObject({ group: "sql-sink", topic: "starboard.events", partition: 3 });
  });
});
