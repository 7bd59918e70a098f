import { randomUUID } from "node:crypto";
import {
  type Channel,
  type CommandEvent,
  type EventLog,
  type MonitorMode,
  publishEvents,
  type StarboardEvent,
  type SupervisorActionCode,
} from "@starboard/core";
import type { QaFlagTarget } from "@starboard/sql";
import type { Principal } from "../auth/api-keys";
import type { LiveFeed } from "../live/live-feed";
import { enumName } from "../live/model";
import type { MonitorSessionState } from "../live/monitor-book";
import { apiMonitor } from "./live";
import { type QaReviewArgs, reviewQaFlag } from "./qa-review";

// Supervisor actions: each becomes a command on the commands topic (FreeSWITCH answers through the
// ESL executor with router.command-result) or an agent/alert event, and every attempt — accepted,
// denied by role, or refused by the switch — is written to the audit log as supervisor.action.

export interface OperationResult {
  operation: string;
  status: "SUCCEEDED" | "FAILED" | "PENDING";
  commandId: string | null;
  error: { code: string; message: string } | null;
  monitor: ReturnType<typeof apiMonitor> | null;
}

export interface SupervisorServiceOptions {
  log: EventLog;
  feed: LiveFeed;
  tenant: string;
  /** How long a mutation waits for the switch before answering PENDING. */
  resultTimeoutMs?: number;
}

type CommandData<T extends CommandEvent["type"]> = Extract<CommandEvent, { type: T }>["data"];

const operationOf: Record<SupervisorActionCode, string> = {
  "monitor-call": "MONITOR_CALL",
  "change-monitor-mode": "CHANGE_MONITOR_MODE",
  "stop-monitor": "STOP_MONITOR",
  "take-over-call": "TAKE_OVER_CALL",
  "force-hangup": "FORCE_HANGUP",
  "set-agent-state": "SET_AGENT_STATE",
  "review-qa-flag": "REVIEW_QA_FLAG",
};

export class SupervisorService {
  constructor(private readonly options: SupervisorServiceOptions) {}

  private base(): Pick<StarboardEvent, "version" | "time" | "tenant" | "source"> & { id: string } {
    return {
      id: randomUUID(),
      version: 1,
      time: new Date().toISOString(),
      tenant: this.options.tenant,
      source: "graphql",
    };
  }

  async audit(
    principal: Principal,
    action: SupervisorActionCode,
    fields: {
      outcome: "accepted" | "denied" | "failed";
      contactId?: string;
      /** The contact's channel (default voice: most supervisor actions act on calls). */
      channel?: Channel;
      agentId?: string;
      mode?: MonitorMode;
      reason?: string;
      commandId?: string;
    },
  ): Promise<void> {
    const { outcome, contactId, channel, agentId, mode, reason, commandId } = fields;
    await publishEvents(this.options.log, [
      {
        ...this.base(),
        id: `audit-${randomUUID()}`,
        type: "supervisor.action",
        ...(contactId === undefined ? {} : { contactId, channel: channel ?? "voice" }),
        ...(agentId === undefined ? {} : { agentId }),
        data: {
          action,
          actorId: principal.keyId,
          role: principal.role,
          outcome,
          ...(mode === undefined ? {} : { mode }),
          ...(reason === undefined ? {} : { reason }),
          ...(commandId === undefined ? {} : { commandId }),
        },
      } as StarboardEvent,
    ]);
  }

  private failure(action: SupervisorActionCode, code: string, message: string): OperationResult {
    return {
      operation: operationOf[action],
      status: "FAILED",
      commandId: null,
      error: { code, message },
      monitor: null,
    };
  }

  /** The live voice call, or why it cannot be acted on. */
  private liveCall(callId: string): { agentId: string | undefined } | string {
    const contact = this.options.feed.live.engine.contact(callId);
    if (contact === undefined) return `call ${callId} is not live`;
    if (contact.channel !== "voice") return `contact ${callId} is a ${contact.channel} contact, not a call`;
    return { agentId: contact.agentId };
  }

  /** Publish a command, audit it, wait for the switch's answer. */
  private async command<T extends CommandEvent["type"]>(
    principal: Principal,
    action: SupervisorActionCode,
    type: T,
    target: { contactId: string; agentId: string | undefined },
    data: Omit<CommandData<T>, "commandId" | "requestedBy">,
    mode?: MonitorMode,
  ): Promise<OperationResult> {
    const commandId = `gql-${randomUUID()}`;
    const waiting = this.options.feed.awaitResult(commandId, this.options.resultTimeoutMs ?? 8_000);
    const command = {
      ...this.base(),
      id: commandId,
      type,
      contactId: target.contactId,
      channel: "voice",
      ...(target.agentId === undefined ? {} : { agentId: target.agentId }),
      data: { ...data, commandId, requestedBy: principal.keyId },
    } as unknown as StarboardEvent;
    await publishEvents(this.options.log, [command]);
    await this.audit(principal, action, {
      outcome: "accepted",
      contactId: target.contactId,
      ...(target.agentId === undefined ? {} : { agentId: target.agentId }),
      ...(mode === undefined ? {} : { mode }),
      commandId,
    });
    const result = await waiting;
    if (result === undefined)
      return { operation: operationOf[action], status: "PENDING", commandId, error: null, monitor: null };
    if (!result.ok) {
      await this.audit(principal, action, {
        outcome: "failed",
        contactId: target.contactId,
        reason: result.error,
        commandId,
        ...(mode === undefined ? {} : { mode }),
      });
      return {
        operation: operationOf[action],
        status: "FAILED",
        commandId,
        error: { code: "SWITCH_REFUSED", message: result.error },
        monitor: null,
      };
    }
    return { operation: operationOf[action], status: "SUCCEEDED", commandId, error: null, monitor: null };
  }

  async monitorCall(
    principal: Principal,
    args: { callId: string; mode: string; supervisorEndpoint: string; notifyAgent: boolean },
  ) {
    const call = this.liveCall(args.callId);
    if (typeof call === "string") return this.failure("monitor-call", "NOT_FOUND", call);
    const mode = args.mode.toLowerCase() as MonitorMode;
    const monitorId = `mon-${randomUUID()}`;
    this.options.feed.notifyAgent.set(monitorId, args.notifyAgent);
    const result = await this.command(
      principal,
      "monitor-call",
      "command.monitor-call",
      { contactId: args.callId, agentId: call.agentId },
      { monitorId, mode, supervisorEndpoint: args.supervisorEndpoint },
      mode,
    );
    const session: MonitorSessionState = {
      monitorId,
      callId: args.callId,
      agentId: call.agentId,
      mode,
      supervisorEndpoint: args.supervisorEndpoint,
      supervisor: principal.keyId,
      startedAt: new Date().toISOString(),
    };
    return { ...result, monitor: result.status === "FAILED" ? null : apiMonitor(session, args.notifyAgent) };
  }

  async changeMonitorMode(principal: Principal, args: { monitorId: string; mode: string }) {
    const session = this.options.feed.monitors.get(args.monitorId);
    if (session === undefined)
      return this.failure("change-monitor-mode", "NOT_FOUND", `no monitoring session ${args.monitorId}`);
    const mode = args.mode.toLowerCase() as MonitorMode;
    const result = await this.command(
      principal,
      "change-monitor-mode",
      "command.change-monitor-mode",
      { contactId: session.callId, agentId: session.agentId },
      { monitorId: args.monitorId, mode },
      mode,
    );
    return {
      ...result,
      monitor: apiMonitor(
        { ...session, mode: result.status === "FAILED" ? session.mode : mode },
        this.options.feed.notifyAgent.get(args.monitorId) ?? false,
      ),
    };
  }

  async stopMonitor(principal: Principal, args: { monitorId: string }) {
    const session = this.options.feed.monitors.get(args.monitorId);
    if (session === undefined)
      return this.failure("stop-monitor", "NOT_FOUND", `no monitoring session ${args.monitorId}`);
    const result = await this.command(
      principal,
      "stop-monitor",
      "command.stop-monitor",
      { contactId: session.callId, agentId: session.agentId },
      { monitorId: args.monitorId },
    );
    return {
      ...result,
      monitor: apiMonitor(session, this.options.feed.notifyAgent.get(args.monitorId) ?? false),
    };
  }

  async takeOverCall(principal: Principal, args: { callId: string; supervisorEndpoint: string }) {
    const call = this.liveCall(args.callId);
    if (typeof call === "string") return this.failure("take-over-call", "NOT_FOUND", call);
    if (call.agentId === undefined)
      return this.failure(
        "take-over-call",
        "NOT_CONNECTED",
        `call ${args.callId} has no agent to take over from`,
      );
    return this.command(
      principal,
      "take-over-call",
      "command.take-over-call",
      { contactId: args.callId, agentId: call.agentId },
      { supervisorEndpoint: args.supervisorEndpoint },
    );
  }

  async forceHangup(principal: Principal, args: { callId: string; reason?: string | null }) {
    const call = this.liveCall(args.callId);
    if (typeof call === "string") return this.failure("force-hangup", "NOT_FOUND", call);
    return this.command(
      principal,
      "force-hangup",
      "command.force-hangup",
      { contactId: args.callId, agentId: call.agentId },
      { hangupCause: "MANAGER_REQUEST", ...(args.reason ? { reason: args.reason } : {}) },
    );
  }

  async setAgentState(
    principal: Principal,
    args: { agentId: string; state: string; reasonCode?: string | null },
  ) {
    const agent = this.options.feed.live.engine.agent(args.agentId);
    if (agent === undefined)
      return this.failure("set-agent-state", "NOT_FOUND", `agent ${args.agentId} is not signed in`);
    const reasonCode = args.reasonCode ?? undefined;
    if (
      args.state === "NOT_READY" &&
      (reasonCode === undefined || reasonCode.length === 0 || reasonCode.length > 32)
    )
      return this.failure(
        "set-agent-state",
        "BAD_USER_INPUT",
        "reasonCode: required for NOT_READY, at most 32 characters",
      );
    const forcedBy = principal.keyId;
    const base = { ...this.base(), id: `force-${randomUUID()}`, agentId: args.agentId };
    const busy = agent.contacts.size > 0 && args.state !== "SIGNED_OUT";
    const event = (
      busy
        ? {
            ...base,
            type: "agent.state-change-requested",
            data: {
              requestedBy: forcedBy,
              next: args.state === "READY" ? { type: "ready" } : { type: "not-ready", reasonCode },
            },
          }
        : args.state === "READY"
          ? { ...base, type: "agent.ready", data: { forcedBy } }
          : args.state === "NOT_READY"
            ? { ...base, type: "agent.not-ready", data: { reasonCode, forcedBy } }
            : { ...base, type: "agent.signed-out", data: { reason: "forced", forcedBy } }
    ) as StarboardEvent;
    await publishEvents(this.options.log, [event]);
    const reason = `${enumName(args.state)}${reasonCode === undefined ? "" : `:${reasonCode}`}${busy ? " (when the current contact ends)" : ""}`;
    await this.audit(principal, "set-agent-state", { outcome: "accepted", agentId: args.agentId, reason });
    return {
      operation: "SET_AGENT_STATE",
      status: "SUCCEEDED" as const,
      commandId: null,
      error: null,
      monitor: null,
    };
  }

  /** A reviewer's verdict on a QA flag: published as qa.flag-reviewed and audited (see qa-review.ts). */
  reviewQaFlag(
    principal: Principal,
    args: QaReviewArgs,
    findFlag: (flagId: string) => Promise<QaFlagTarget | undefined>,
  ): Promise<OperationResult> {
    return reviewQaFlag(
      { log: this.options.log, tenant: this.options.tenant, audit: (...a) => this.audit(...a), findFlag },
      principal,
      args,
    );
  }

  async acknowledgeAlert(principal: Principal, args: { alertId: string }) {
    const alert = this.options.feed.live.snapshot().alerts.find((a) => a.alertId === args.alertId);
    const result = (status: "SUCCEEDED" | "FAILED", error: OperationResult["error"]) => ({
      operation: "ACKNOWLEDGE_ALERT",
      status,
      commandId: null,
      error,
      monitor: null,
    });
    if (alert === undefined)
      return result("FAILED", { code: "NOT_FOUND", message: `alert ${args.alertId} is not active` });
    await publishEvents(this.options.log, [
      {
        ...this.base(),
        id: `ack-${args.alertId}`,
        type: "alert.cleared",
        data: { alertId: args.alertId, kind: alert.kind, reason: "acknowledged", clearedBy: principal.keyId },
      } as StarboardEvent,
    ]);
    return result("SUCCEEDED", null);
  }
}
