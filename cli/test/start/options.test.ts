import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/main";
import { parseStartFlags } from "../../src/start/options";
import { captureIo } from "./helpers";

describe("starboard start flags", () => {
  it.each([
    [[], {}],
    [["--only", "router,sink"], { services: ["router", "sink"] }],
    [["--simulator", "load", "--agents", "300"], { simulator: "load", agents: 300 }],
    [
      ["--simulator", "load", "--speed", "12.5", "--seed", "42"],
      { simulator: "load", speed: 12.5, seed: 42 },
    ],
    [
      ["--graphql-port", "0", "--dashboard-port", "3001", "--host", "0.0.0.0"],
      { ports: { graphql: 0, dashboard: 3001, host: "0.0.0.0" } },
    ],
    [["--data-dir", "/tmp/x"], { dataDir: "/tmp/x" }],
  ])("%j -> %j", (argv, flags) => {
    expect(parseStartFlags(argv)).toEqual(flags);
  });

  it.each([
    [["--only", "router,fax"], 'unknown service "fax"'],
    [["--only", ","], "--only needs at least one service"],
    [["--simulator", "maybe"], "--simulator must be one of off, on, load"],
    [["--speed", "0"], "--speed must be a number >= 0.01"],
    [["--seed", "1.5"], "--seed must be a whole number >= 0"],
    [["--graphql-port", "70000"], "--graphql-port must be a port 0..65535"],
    [["--colour"], "Unknown option '--colour'"],
  ])("%j is refused with usage and exit 2: %s", async (argv, message) => {
    const io = captureIo();
    expect(await main(["start", ...argv], io)).toBe(2);
    const text = io.lines.join("\n");
    expect(text).toContain(message);
    expect(text).toContain("starboard start [--only");
  });
});

describe("starboard start configuration errors", () => {
  const saved = process.env.STARBOARD_CONFIG;
  const dir = mkdtempSync(join(tmpdir(), "starboard-start-config-"));
  afterEach(() => {
    if (saved === undefined) delete process.env.STARBOARD_CONFIG;
    else process.env.STARBOARD_CONFIG = saved;
  });

  it("exits 1 naming the file and the key before starting anything", async () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "queues:\n  - id: a\n    thresholdSeconds: 0\n");
    process.env.STARBOARD_CONFIG = file;
    const io = captureIo();
    expect(await main(["start"], io)).toBe(1);
    expect(io.lines.join("\n")).toBe(
      `starboard start: bad configuration:\nSTARBOARD_CONFIG ${file}: queues[0].thresholdSeconds: expected a positive number`,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
