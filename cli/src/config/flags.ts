// Command-line flags, the last layer: what one run asks for.

import type { Ports, ServiceName, SimulatorMode, StarboardConfig } from "./types";

export interface ConfigFlags {
  dataDir?: string;
  services?: ServiceName[];
  simulator?: SimulatorMode;
  speed?: number;
  seed?: number;
  agents?: number;
  ports?: Partial<Ports>;
}

export function applyFlags(base: StarboardConfig, flags: ConfigFlags): StarboardConfig {
  return {
    ...base,
    dataDir: flags.dataDir ?? base.dataDir,
    services: flags.services ?? base.services,
    ports: { ...base.ports, ...flags.ports },
    simulator: {
      mode: flags.simulator ?? base.simulator.mode,
      speed: flags.speed ?? base.simulator.speed,
      seed: flags.seed ?? base.simulator.seed,
      ...((flags.agents ?? base.simulator.agents) === undefined
        ? {}
        : { agents: flags.agents ?? base.simulator.agents }),
    },
  };
}
