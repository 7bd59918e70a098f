import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/command";
import { ConfigError, type ConfigFlags, defaultOpsPort, loadConfig } from "../../src/config/index";
import { parseStartFlags } from "../../src/start/options";

const file = "./ops.yaml";

function load(yaml: string | undefined, env: NodeJS.ProcessEnv = {}, flags: ConfigFlags = {}) {
  return loadConfig({
    env: yaml === undefined ? env : { STARBOARD_CONFIG: file, ...env },
    flags,
    readFile: () => yaml ?? "",
  });
}

describe("ports.ops: defaults, then STARBOARD_CONFIG, then STARBOARD_OPS_PORT, then --ops-port", () => {
  it.each([
    ["the default", undefined, {}, {}, defaultOpsPort],
    ["the file", "ports: { ops: 9500 }\n", {}, {}, 9500],
    ["the environment over the file", "ports: { ops: 9500 }\n", { STARBOARD_OPS_PORT: "9600" }, {}, 9600],
    ["0 (any free port) from the environment", undefined, { STARBOARD_OPS_PORT: "0" }, {}, 0],
    [
      "the flag over the environment",
      "ports: { ops: 9500 }\n",
      { STARBOARD_OPS_PORT: "9600" },
      parseStartFlags(["--ops-port", "9700"]),
      9700,
    ],
  ])("%s", (_name, yaml, env, flags, expected) => {
    const config = load(yaml, env, flags);
    expect(config.ports.ops).toBe(expected);
    // The other ports are left as they were.
    expect(config.ports.graphql).toBe(4000);
  });

  it.each([
    ["ports: { ops: 70000 }\n", {}, `STARBOARD_CONFIG ${file}`, "ports.ops: expected a port number 0..65535"],
    [
      "ports: { ops: metrics }\n",
      {},
      `STARBOARD_CONFIG ${file}`,
      "ports.ops: expected a port number 0..65535",
    ],
    [
      undefined,
      { STARBOARD_OPS_PORT: "94x4" },
      "STARBOARD_OPS_PORT",
      'expected a port number 0..65535, got "94x4"',
    ],
    [undefined, { STARBOARD_OPS_PORT: "-1" }, "STARBOARD_OPS_PORT", 'got "-1"'],
  ])("refuses %j %j, naming the key", (yaml, env, where, message) => {
    let caught: unknown;
    try {
      load(yaml, env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toContain(where);
    expect((caught as Error).message).toContain(message);
  });

  it("refuses a bad --ops-port with the flag's name", () => {
    expect(() => parseStartFlags(["--ops-port", "65536"])).toThrow(UsageError);
    expect(() => parseStartFlags(["--ops-port", "65536"])).toThrow(/--ops-port must be a port 0\.\.65535/);
    expect(parseStartFlags(["--ops-port", "0"]).ports).toEqual({ ops: 0 });
  });
});
