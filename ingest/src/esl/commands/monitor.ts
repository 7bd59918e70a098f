import type {
  CommandChangeMonitorMode,
  CommandMonitorCall,
  CommandStopMonitor,
  MonitorMode,
} from "@starboard/core";
import { type CommandContext, failed, type MonitorSession, type Outcome, succeeded } from "./context";
import { api, bgapi, bridgedLeg, channelVars } from "./fs-reply";

// 监听 / 耳语 / 强插 with FreeSWITCH's own mechanisms (mod_dptools eavesdrop, switch_ivr_async.c):
// the supervisor's leg eavesdrops on the agent's leg; eavesdrop_whisper_bleg starts it whispering
// to the agent; DTMF switches a live session (0 listen, 2 whisper, 3 barge; 1 would whisper to the
// customer, which no mode asks for). A barge started cold is `three_way`, which has no DTMF.

const dtmf: Record<MonitorMode, string> = { listen: "0", whisper: "2", barge: "3" };

async function originateMonitor(
  ctx: CommandContext,
  session: Omit<MonitorSession, "supervisorUuid" | "app">,
): Promise<Outcome> {
  const app = session.mode === "barge" ? "three_way" : "eavesdrop";
  const vars = channelVars({
    starboard_role: "supervisor",
    starboard_contact: session.contactId,
    starboard_monitor: session.monitorId,
    ...(app === "eavesdrop" ? { eavesdrop_enable_dtmf: "true" } : {}),
    ...(session.mode === "whisper" ? { eavesdrop_whisper_bleg: "true" } : {}),
  });
  const leg = await bgapi(
    ctx.fs,
    `originate ${vars}${session.supervisorEndpoint} &${app}(${session.targetUuid})`,
  );
  if (!leg.ok) return failed(leg.error);
  ctx.monitors.set(session.monitorId, { ...session, supervisorUuid: leg.value, app });
  return succeeded;
}

export async function monitorCall(ctx: CommandContext, cmd: CommandMonitorCall): Promise<Outcome> {
  if (ctx.monitors.has(cmd.data.monitorId))
    return failed(`-ERR monitor ${cmd.data.monitorId} is already running`);
  const agentLeg = await bridgedLeg(ctx.fs, cmd.contactId);
  if (!agentLeg.ok) return failed(agentLeg.error);
  return originateMonitor(ctx, {
    monitorId: cmd.data.monitorId,
    contactId: cmd.contactId,
    targetUuid: agentLeg.value,
    supervisorEndpoint: cmd.data.supervisorEndpoint,
    mode: cmd.data.mode,
  });
}

export async function changeMonitorMode(
  ctx: CommandContext,
  cmd: CommandChangeMonitorMode,
): Promise<Outcome> {
  const session = ctx.monitors.get(cmd.data.monitorId);
  if (session === undefined) return failed(`-ERR no monitor ${cmd.data.monitorId}`);
  if (session.mode === cmd.data.mode) return succeeded;
  if (session.app === "three_way") {
    // three_way ignores DTMF: ring the supervisor again in the new mode (a short gap in audio).
    await api(ctx.fs, `uuid_kill ${session.supervisorUuid} NORMAL_CLEARING`);
    ctx.monitors.delete(session.monitorId);
    return originateMonitor(ctx, { ...session, mode: cmd.data.mode });
  }
  const reply = await api(ctx.fs, `uuid_recv_dtmf ${session.supervisorUuid} ${dtmf[cmd.data.mode]}`);
  if (!reply.ok) return failed(reply.error);
  session.mode = cmd.data.mode;
  return succeeded;
}

export async function stopMonitor(ctx: CommandContext, cmd: CommandStopMonitor): Promise<Outcome> {
  const session = ctx.monitors.get(cmd.data.monitorId);
  if (session === undefined) return failed(`-ERR no monitor ${cmd.data.monitorId}`);
  ctx.monitors.delete(session.monitorId);
  const reply = await api(ctx.fs, `uuid_kill ${session.supervisorUuid} NORMAL_CLEARING`);
  return reply.ok ? succeeded : failed(reply.error);
}
