import type { CommandBridgeCall, CommandPickupCall } from "@starboard/core";
import { type CommandContext, failed, type Outcome, succeeded } from "./context";
import { api, bgapi, channelVars } from "./fs-reply";

/**
 * Ring the agent, then join the legs: `bgapi originate ... &park()` answers with the agent's leg
 * once they pick up (or -ERR NO_ANSWER / USER_BUSY after ringTimeoutSeconds), then `uuid_bridge`.
 * starboard_role marks the leg so the mapper does not count it as a contact of its own.
 */
export async function bridgeCall(ctx: CommandContext, cmd: CommandBridgeCall): Promise<Outcome> {
  const vars = channelVars({
    starboard_role: "agent",
    starboard_contact: cmd.contactId,
    originate_timeout: String(cmd.data.ringTimeoutSeconds),
  });
  const leg = await bgapi(ctx.fs, `originate ${vars}${cmd.data.agentEndpoint} &park()`);
  if (!leg.ok) return failed(leg.error);
  const bridged = await api(ctx.fs, `uuid_bridge ${cmd.contactId} ${leg.value}`);
  if (bridged.ok) return succeeded;
  // The agent answered into nothing: release them rather than leave a parked leg.
  await api(ctx.fs, `uuid_kill ${leg.value} NORMAL_CLEARING`);
  return failed(bridged.error);
}

/**
 * The agent answers a ringing or queued call themselves: their new leg intercepts the customer's
 * channel (a queued customer has no partner; a ringing offer's partner is released, PICKED_OFF).
 */
export async function pickupCall(ctx: CommandContext, cmd: CommandPickupCall): Promise<Outcome> {
  const vars = channelVars({ starboard_role: "agent", starboard_contact: cmd.contactId });
  const leg = await bgapi(ctx.fs, `originate ${vars}${cmd.data.agentEndpoint} &intercept(${cmd.contactId})`);
  return leg.ok ? succeeded : failed(leg.error);
}
