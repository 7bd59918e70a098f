import type { RouterCommandResult } from "@starboard/core";
import type { EslCommand, Outcome } from "./context";

/**
 * router.command-result for a command: same commandId, the command's subject ids so the
 * wallboard can show it on the contact, and `time` = when the switch answered (now).
 */
export function commandResult(
  cmd: EslCommand,
  outcome: Outcome,
  options: { source: string; now: Date },
): RouterCommandResult {
  const base = { commandId: cmd.data.commandId, commandType: cmd.type };
  return {
    id: `esl:result:${cmd.data.commandId}`.slice(0, 128),
    type: "router.command-result",
    version: 1,
    time: options.now.toISOString(),
    tenant: cmd.tenant,
    source: options.source,
    channel: cmd.channel,
    contactId: cmd.contactId,
    ...(cmd.agentId === undefined ? {} : { agentId: cmd.agentId }),
    data: outcome.ok ? { ...base, ok: true } : { ...base, ok: false, error: outcome.error },
  };
}
