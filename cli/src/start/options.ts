// `starboard start` flags -> the flag layer of the configuration.

import { parseArgs } from "node:util";
import { UsageError } from "../command";
import { type ConfigFlags, type ServiceName, type SimulatorMode, serviceNames } from "../config/index";

function number(flag: string, value: string | undefined, min: number, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
    throw new UsageError(
      `--${flag} must be ${integer ? "a whole number" : "a number"} >= ${min} (got "${value}")`,
    );
  return n;
}

function port(flag: string, value: string | undefined): number | undefined {
  const n = number(flag, value, 0, true);
  if (n !== undefined && n > 65_535)
    throw new UsageError(`--${flag} must be a port 0..65535 (got "${value}")`);
  return n;
}

function services(value: string | undefined): ServiceName[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) throw new UsageError("--only needs at least one service");
  for (const name of names)
    if (!(serviceNames as readonly string[]).includes(name))
      throw new UsageError(`--only: unknown service "${name}" (services: ${serviceNames.join(", ")})`);
  return names as ServiceName[];
}

const modes = ["off", "on", "load"] as const;

export function parseStartFlags(argv: string[]): ConfigFlags {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      simulator: { type: "string" },
      speed: { type: "string" },
      seed: { type: "string" },
      agents: { type: "string" },
      "data-dir": { type: "string" },
      host: { type: "string" },
      "graphql-port": { type: "string" },
      "dashboard-port": { type: "string" },
      "chat-port": { type: "string" },
      "tickets-port": { type: "string" },
      "ops-port": { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const mode = values.simulator;
  if (mode !== undefined && !(modes as readonly string[]).includes(mode))
    throw new UsageError(`--simulator must be one of ${modes.join(", ")} (got "${mode}")`);
  const flags: ConfigFlags = {};
  const only = services(values.only);
  if (only !== undefined) flags.services = only;
  if (mode !== undefined) flags.simulator = mode as SimulatorMode;
  const speed = number("speed", values.speed, 0.01);
  if (speed !== undefined) flags.speed = speed;
  const seed = number("seed", values.seed, 0, true);
  if (seed !== undefined) flags.seed = seed;
  const agents = number("agents", values.agents, 1, true);
  if (agents !== undefined) flags.agents = agents;
  if (values["data-dir"] !== undefined) flags.dataDir = values["data-dir"];
  const ports: NonNullable<ConfigFlags["ports"]> = {};
  if (values.host !== undefined) ports.host = values.host;
  for (const name of ["graphql", "dashboard", "chat", "tickets", "ops"] as const) {
    const p = port(`${name}-port`, values[`${name}-port`]);
    if (p !== undefined) ports[name] = p;
  }
  if (Object.keys(ports).length > 0) flags.ports = ports;
  return flags;
}
