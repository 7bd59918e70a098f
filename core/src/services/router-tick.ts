// The router's clock between events. The engine's timers (relax, overflow, callback offer, wrap-up
// limit) fire when an event at or after their due time arrives; with a quiet queue nothing arrives,
// so a waiting contact would never overflow. The service feeds the engine a tick: an event that is
// never published and that the engine acts on only by advancing its clock.

import type { RouterCommandResult } from "../events/index";

/**
 * A `router.command-result` for no command (ok, not an offer): the engine moves its clock to `ms`,
 * fires the timers due by then, and ignores the rest. Its id is derived from the time, so the
 * outputs of a tick carry the same ids however often the service is restarted.
 */
export function tickEvent(ms: number, tenant: string): RouterCommandResult {
  return {
    id: `router-tick:${ms}`,
    version: 1,
    type: "router.command-result",
    time: new Date(ms).toISOString(),
    tenant,
    source: "router-clock",
    data: { commandId: `tick:${ms}`, commandType: "command.force-hangup", ok: true },
  };
}

/**
 * Where the router's clock should be now: the latest event's time plus the wall time since it was
 * applied. Sources that run on simulated time (a simulator at speed 10) move faster than this, so
 * a tick never runs ahead of their next event.
 */
export function tickTime(lastEventMs: number, wallAtLastEvent: number, wallNow: number): number {
  return lastEventMs + Math.max(0, wallNow - wallAtLastEvent);
}
