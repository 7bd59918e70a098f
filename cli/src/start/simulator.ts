// The demo traffic: the seeded contact-center day played through the real ingest paths (calls on
// the emulated switch, chats and tickets as signed webhooks). In load mode with the emulated switch,
// the switch and the simulator run in a worker thread (load-generator.ts) and chats use the chat
// gateway's WebSocket stream, a fraction of a POST's CPU per message on both sides.

import type { EventLog } from "@starboard/core";
import { type FsSwitch, type Simulator, startSimulator } from "@starboard/ingest";
import type { StarboardConfig } from "../config/index";
import type { LoadGenerator } from "./load-generator";
import { simulatorProfile } from "./routing";

export interface DemoSources {
  log: EventLog;
  fs: FsSwitch | undefined;
  chatUrl: string | undefined;
  /** The chat gateway's stream (ws://…/chat/stream), used by the load generator. */
  chatStreamUrl?: string | undefined;
  ticketsUrl: string | undefined;
  /** Load mode's worker thread, when it runs the emulated switch. */
  generator?: LoadGenerator | undefined;
  /** The latest event time the router replayed: a restarted demo carries on from there. */
  notBefore?: number | undefined;
}

/** Why the simulator cannot run in this process, or undefined when it can. */
export function missingForSimulator(sources: DemoSources): string | undefined {
  if (sources.fs === undefined && sources.generator === undefined)
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
  const { fs, chatUrl, ticketsUrl, generator } = sources;
  if (chatUrl === undefined || ticketsUrl === undefined || (fs === undefined && generator === undefined))
    throw new Error(missingForSimulator(sources));
  const common = {
    profile: simulatorProfile(config),
    chatUrl,
    ticketsUrl,
    webhookSecret: config.webhookSecret,
    mode,
    speed: config.simulator.speed,
    seed: config.simulator.seed,
    ...(sources.notBefore === undefined ? {} : { notBefore: sources.notBefore }),
  };
  if (generator !== undefined) return generator.simulate({ ...common, chatStreamUrl: sources.chatStreamUrl });
  if (fs === undefined) throw new Error(missingForSimulator(sources));
  return startSimulator({ ...common, log: sources.log, fs });
}
