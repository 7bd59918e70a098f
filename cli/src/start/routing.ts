// Which queues the router (and the API's live view) know. The simulator's profile brings its own
// queues and skills; a configured queue of the same id wins.

import type { RoutingConfig } from "@starboard/core";
import { defaultProfile, routingConfigFor, type SimulatorProfile } from "@starboard/ingest";
import type { StarboardConfig } from "../config/index";

export function simulatorProfile(config: StarboardConfig): SimulatorProfile {
  return defaultProfile({
    seed: config.simulator.seed,
    ...(config.simulator.agents === undefined ? {} : { agents: config.simulator.agents }),
  });
}

/**
 * The configured routing, plus the simulator's queues when it runs, or when no STARBOARD_CONFIG was
 * given: a data directory that once ran the demo holds its contacts, and a restart with the
 * simulator off must still route (and replay) them.
 */
export function routingFor(config: StarboardConfig, simulatorOn: boolean): RoutingConfig {
  if (!simulatorOn && config.configFile !== undefined) return config.routing;
  const demo = routingConfigFor(simulatorProfile(config), {
    speed: simulatorOn ? config.simulator.speed : 1,
  });
  const configured = new Set(config.routing.queues.map((q) => q.id));
  return {
    ...demo,
    ...config.routing,
    // The wider of the two: at N times real time the ingest paths' skew is N times as many seconds.
    reorderToleranceMs: Math.max(demo.reorderToleranceMs ?? 5_000, config.routing.reorderToleranceMs ?? 0),
    queues: [...config.routing.queues, ...demo.queues.filter((q) => !configured.has(q.id))],
  };
}
