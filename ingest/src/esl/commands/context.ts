import type { CommandAssignChat, CommandEvent, MonitorMode } from "@starboard/core";

/** The commands the ESL adapter executes; assign-chat belongs to the chat gateway. */
export type EslCommand = Exclude<CommandEvent, CommandAssignChat>;

/** What a command step needs from FreeSWITCH: the reply body of `api` and of `bgapi`'s BACKGROUND_JOB. */
export interface FsCommandPort {
  api(command: string): Promise<string>;
  bgapi(command: string): Promise<string>;
}

/** One supervisor's monitoring session: the leg we originated and what it eavesdrops on. */
export interface MonitorSession {
  monitorId: string;
  contactId: string;
  /** The supervisor's leg (BACKGROUND_JOB `+OK <uuid>` of the originate). */
  supervisorUuid: string;
  /** The agent's leg, the one eavesdropped on. */
  targetUuid: string;
  supervisorEndpoint: string;
  mode: MonitorMode;
  /** three_way has no DTMF control, eavesdrop does: decides how a mode change is made. */
  app: "eavesdrop" | "three_way";
}

export interface CommandContext {
  readonly fs: FsCommandPort;
  readonly monitors: Map<string, MonitorSession>;
}

/** What router.command-result carries: ok, or the switch's own error text. */
export type Outcome = { ok: true } | { ok: false; error: string };

export const succeeded: Outcome = { ok: true };
export const failed = (error: string): Outcome => ({ ok: false, error: error.slice(0, 2_000) });
