// The demo traffic: the seeded contact-center day played through the real ingest paths (calls on
// the emulated switch, chats and tickets as signed webhooks).

import type { EventLog } from "@starboard/core";
import { type FsSwitch, type Simulator, startSimulator } from "@starboard/ingest";
import type { StarboardConfig } from "../config/index";
import { simulatorProfile } from "./routing";

export interface DemoSources {
  log: EventLog;
  fs: FsSwitch | undefined;
  chatUrl: string | undefined;
  ticketsUrl: string | undefined;
}

/** Why the simulator cannot run in this process, or undefined when it can. */
export function missingForSimulator(sources: DemoSources): string | undefined {
  if (sources.fs === undefined)
    return "it needs the in-process FreeSWITCH emulator (esl without STARBOARD_ESL_HOST)";
  if (sources.chatUrl === undefined) return "it needs the chat gateway (add chat to --only)";
  if (sources.ticketsUrl === undefined) return "it needs the ticket gateway (add tickets to --only)";
  return undefined;
}

export function startDemo(
  config: StarboardConfig,
  mode: "on" | "load",
  sources: DemoSources,
): Promise<Simulator> {
  const { fs, chatUrl, ticketsUrl } = sources;
  if (fs === undefined || chatUrl === undefined || ticketsUrl === undefined)
    throw new Error(missingForSimulator(sources));
  return startSimulator({
    profile: simulatorProfile(config),
    log: sources.log,
    fs,
    chatUrl,
    ticketsUrl,
    webhookSecret: config.webhookSecret,
    mode,
    speed: config.simulator.speed,
    seed: config.simulator.seed,
  });
}
