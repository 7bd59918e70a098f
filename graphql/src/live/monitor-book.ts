import type { MonitorMode, StarboardEvent } from "@starboard/core";

export interface MonitorSessionState {
  monitorId: string;
  callId: string;
  agentId: string | undefined;
  mode: MonitorMode;
  supervisorEndpoint: string;
  supervisor: string;
  startedAt: string;
}

type Pending =
  | { kind: "start"; session: MonitorSessionState }
  | { kind: "mode"; monitorId: string; mode: MonitorMode }
  | { kind: "stop"; monitorId: string };

/**
 * Who monitors which call, rebuilt from the log alone (commands and their results), so every API
 * instance answers the same. A session counts once the switch confirmed it; it ends on stop, on the
 * call's hang-up, or when a take-over or force-hangup of the call succeeds.
 */
export class MonitorBook {
  private readonly sessions = new Map<string, MonitorSessionState>();
  private readonly pending = new Map<string, Pending>();
  /**
   * Results read before their command: the two topics are read independently, so on a replay a
   * result can come first. Kept (bounded) until the command shows up.
   */
  private readonly early = new Map<string, boolean>();

  apply(event: StarboardEvent): boolean {
    const changed = this.record(event);
    const commandId = event.type.startsWith("command.")
      ? (event.data as { commandId?: unknown }).commandId
      : undefined;
    if (typeof commandId === "string") {
      const ok = this.early.get(commandId);
      if (ok !== undefined) {
        this.early.delete(commandId);
        return this.settle(commandId, ok) || changed;
      }
    }
    return changed;
  }

  private record(event: StarboardEvent): boolean {
    switch (event.type) {
      case "command.monitor-call":
        this.pending.set(event.data.commandId, {
          kind: "start",
          session: {
            monitorId: event.data.monitorId,
            callId: event.contactId,
            agentId: event.agentId,
            mode: event.data.mode,
            supervisorEndpoint: event.data.supervisorEndpoint,
            supervisor: event.data.requestedBy,
            startedAt: event.time,
          },
        });
        return false;
      case "command.change-monitor-mode":
        this.pending.set(event.data.commandId, {
          kind: "mode",
          monitorId: event.data.monitorId,
          mode: event.data.mode,
        });
        return false;
      case "command.stop-monitor":
        this.pending.set(event.data.commandId, { kind: "stop", monitorId: event.data.monitorId });
        return false;
      case "router.command-result":
        return this.settle(event.data.commandId, event.data.ok);
      case "contact.disconnected":
      case "contact.ended":
        return this.endCall(event.contactId);
      default:
        return false;
    }
  }

  private settle(commandId: string, ok: boolean): boolean {
    const p = this.pending.get(commandId);
    if (p === undefined) {
      this.early.set(commandId, ok);
      if (this.early.size > 10_000) this.early.delete(this.early.keys().next().value ?? "");
      return false;
    }
    this.pending.delete(commandId);
    if (!ok) return false;
    if (p.kind === "start") this.sessions.set(p.session.monitorId, p.session);
    else if (p.kind === "stop") this.sessions.delete(p.monitorId);
    else {
      const s = this.sessions.get(p.monitorId);
      if (s !== undefined) this.sessions.set(p.monitorId, { ...s, mode: p.mode });
    }
    return true;
  }

  private endCall(callId: string): boolean {
    let changed = false;
    for (const [id, s] of this.sessions)
      if (s.callId === callId) {
        this.sessions.delete(id);
        changed = true;
      }
    return changed;
  }

  get(monitorId: string): MonitorSessionState | undefined {
    return this.sessions.get(monitorId);
  }

  list(): MonitorSessionState[] {
    return [...this.sessions.values()];
  }

  onCall(callId: string): MonitorSessionState[] {
    return this.list().filter((s) => s.callId === callId);
  }

  monitoredAgents(): Set<string> {
    return new Set(this.list().flatMap((s) => (s.agentId === undefined ? [] : [s.agentId])));
  }
}
