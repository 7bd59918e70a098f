import { bridgeCall, pickupCall } from "./bridge";
import type { CommandContext, EslCommand, Outcome } from "./context";
import { forceHangup, takeOverCall } from "./hangup";
import { changeMonitorMode, monitorCall, stopMonitor } from "./monitor";

/** One command, one FreeSWITCH conversation; the switch narrows each command to its own data. */
export function runCommand(ctx: CommandContext, cmd: EslCommand): Promise<Outcome> {
  switch (cmd.type) {
    case "command.bridge-call":
      return bridgeCall(ctx, cmd);
    case "command.pickup-call":
      return pickupCall(ctx, cmd);
    case "command.monitor-call":
      return monitorCall(ctx, cmd);
    case "command.change-monitor-mode":
      return changeMonitorMode(ctx, cmd);
    case "command.stop-monitor":
      return stopMonitor(ctx, cmd);
    case "command.take-over-call":
      return takeOverCall(ctx, cmd);
    case "command.force-hangup":
      return forceHangup(ctx, cmd);
  }
}
