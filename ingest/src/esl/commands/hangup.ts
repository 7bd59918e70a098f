import type { CommandForceHangup, CommandTakeOverCall } from "@starboard/core";
import { type CommandContext, failed, type Outcome, succeeded } from "./context";
import { api, bgapi, channelVars } from "./fs-reply";

/** 强拆: the customer's channel is killed with the given cause; a bridged agent leg follows. */
export async function forceHangup(ctx: CommandContext, cmd: CommandForceHangup): Promise<Outcome> {
  const reply = await api(ctx.fs, `uuid_kill ${cmd.contactId} ${cmd.data.hangupCause}`);
  return reply.ok ? succeeded : failed(reply.error);
}

/**
 * 拦截/接管: the supervisor's new leg intercepts the customer's channel. FreeSWITCH bridges the
 * customer to it and hangs up the customer's former partner, the agent, with PICKED_OFF.
 */
export async function takeOverCall(ctx: CommandContext, cmd: CommandTakeOverCall): Promise<Outcome> {
  const vars = channelVars({ starboard_role: "supervisor", starboard_contact: cmd.contactId });
  const leg = await bgapi(
    ctx.fs,
    `originate ${vars}${cmd.data.supervisorEndpoint} &intercept(${cmd.contactId})`,
  );
  return leg.ok ? succeeded : failed(leg.error);
}
