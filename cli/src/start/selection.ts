// Which services run in this process (--only), and whether the simulator is on.

import type { EventLog } from "@starboard/core";
import { Topics } from "@starboard/core";
import type { ServiceName, StarboardConfig } from "../config/index";

export function runs(config: StarboardConfig, service: ServiceName): boolean {
  return config.services.includes(service);
}

/** A log with no event yet: a first start, where the demo traffic is on unless asked otherwise. */
export async function isFreshLog(log: EventLog): Promise<boolean> {
  const end = await log.endOffsets(Topics.events);
  for (const offset of end.values()) if (offset > 0) return false;
  return true;
}

/** off/on/load as asked; auto is on for a fresh log and off otherwise (a restart keeps its data quiet). */
export function simulatorMode(config: StarboardConfig, fresh: boolean): "off" | "on" | "load" {
  if (!runs(config, "simulator")) return "off";
  const mode = config.simulator.mode;
  if (mode === "auto") return fresh ? "on" : "off";
  return mode;
}
