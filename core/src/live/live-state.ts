// The live picture supervisors watch: queues, agents, live contacts, alerts. It runs its own routing
// engine over the same events (the engine is deterministic, so its state equals the router's), adds
// intraday counts and alert rules, and answers with plain-data snapshots.

import type { AlertEvent, StarboardEvent } from "../events/index";
import { estimatedWaitSeconds } from "../metrics/index";
import {
  availableFor,
  priorityAt,
  type RouterOutput,
  type RoutingConfig,
  RoutingEngine,
  statusOf,
} from "../routing/index";
import { AlertBook } from "./alerts";
import { evaluateAlerts } from "./evaluate";
import { QueueStats } from "./queue-stats";
import type { AgentView, LiveContactView, LiveSnapshot, QueueView, WaitingContactView } from "./snapshot";
import { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS } from "./thresholds";
import { TicketClocks } from "./tickets";

const DAY_MS = 86_400_000;
/** Until a queue has finished contacts, EWT assumes this handle time. */
const DEFAULT_AHT_SECONDS = 300;

export class LiveState {
  readonly engine: RoutingEngine;
  readonly thresholds: AlertThresholds;
  private readonly stats: QueueStats;
  private readonly tickets = new TicketClocks();
  private readonly alerts: AlertBook;
  private readonly handledToday = new Map<string, number>();
  private readonly teams = new Map<string, string>();
  /** Live QA alerts per contact (flag ids), cleared when the contact ends. */
  private readonly qaAlerts = new Map<string, string[]>();
  private lastEvaluationMs = Number.NEGATIVE_INFINITY;
  private day = Number.NaN;

  constructor(config: RoutingConfig, thresholds: Partial<AlertThresholds> = {}, tenant = "default") {
    this.engine = new RoutingEngine(config);
    this.thresholds = { ...DEFAULT_ALERT_THRESHOLDS, ...thresholds };
    this.stats = new QueueStats((q) => this.engine.state.queues.get(q)?.thresholdSeconds ?? 20);
    this.alerts = new AlertBook(tenant);
  }

  /** Apply one event: the router's outputs for it, and the alerts it raised or cleared. */
  handle(event: StarboardEvent): { outputs: RouterOutput[]; alerts: AlertEvent[] } {
    // The engine forgets an ended contact: ask for its queue first, for events that do not name it.
    const contactId = "contactId" in event ? event.contactId : undefined;
    const knownQueue = contactId === undefined ? undefined : this.engine.contact(contactId)?.queueId;
    const queueOf = (id: string | undefined) =>
      (id === contactId ? knownQueue : undefined) ??
      (id === undefined ? undefined : this.engine.contact(id)?.queueId);
    const outputs = this.engine.handle(event);
    const ms = this.engine.state.clockMs;
    const day = Math.floor((ms + this.thresholds.utcOffsetMinutes * 60_000) / DAY_MS);
    if (day !== this.day) {
      // Intraday figures start again at the contact center's midnight.
      if (!Number.isNaN(this.day)) {
        this.stats.reset();
        this.handledToday.clear();
      }
      this.day = day;
    }
    // router.decision from the log is the router's copy of what this engine just decided.
    if (event.type !== "router.decision") this.stats.apply(event, ms, queueOf);
    for (const o of outputs) this.stats.apply(o, ms, queueOf);
    this.tickets.apply(event, ms);
    if (event.type === "agent.signed-in" && event.data.teamId !== undefined)
      this.teams.set(event.agentId, event.data.teamId);
    if (event.type === "contact.ended" && event.data.outcome === "handled" && event.agentId !== undefined)
      this.handledToday.set(event.agentId, (this.handledToday.get(event.agentId) ?? 0) + 1);
    this.qaAlert(event, ms);
    if (ms - this.lastEvaluationMs >= this.thresholds.evaluateEveryMs) this.runRules(ms);
    return { outputs, alerts: this.alerts.drain() };
  }

  /**
   * A high or critical QA flag is something a supervisor may still act on while the contact lasts
   * (listen in, take over): it is a live alert until the contact ends. Lower ones stay in the QA list.
   */
  private qaAlert(event: StarboardEvent, ms: number): void {
    if (
      event.type === "qa.flagged" &&
      (event.data.severity === "high" || event.data.severity === "critical")
    ) {
      const { flagId, category, matchedText } = event.data;
      this.alerts.raise(ms, "qa-flag", flagId, {
        flagId,
        contactId: event.contactId,
        ...(event.agentId === undefined ? {} : { agentId: event.agentId }),
        severity: event.data.severity === "critical" ? "critical" : "warning",
        message: `QA ${category}: "${matchedText.slice(0, 80)}" (${event.agentId ?? event.contactId})`,
      });
      this.qaAlerts.set(event.contactId, [...(this.qaAlerts.get(event.contactId) ?? []), flagId]);
    }
    if (event.type === "contact.ended") {
      for (const flagId of this.qaAlerts.get(event.contactId) ?? []) this.alerts.clear(ms, "qa-flag", flagId);
      this.qaAlerts.delete(event.contactId);
    }
  }

  /** Re-check every alert rule now (handle does it at most once per evaluateEveryMs). */
  evaluate(nowMs = this.engine.state.clockMs): AlertEvent[] {
    this.runRules(nowMs);
    return this.alerts.drain();
  }

  private runRules(nowMs: number): void {
    this.lastEvaluationMs = nowMs;
    evaluateAlerts({
      engine: this.engine,
      stats: this.stats,
      tickets: this.tickets,
      alerts: this.alerts,
      thresholds: this.thresholds,
      nowMs,
    });
  }

  /** Recent handle time of a queue (rolling mean of finished contacts), or the default before any. */
  ahtSeconds(queueId: string): number {
    return this.stats.handleMean(queueId).value ?? DEFAULT_AHT_SECONDS;
  }

  /** EWT for one waiting contact at its place in line, as announced to the caller. */
  estimatedWait(contactId: string, position: number): number | null {
    const c = this.engine.state.contacts.get(contactId);
    if (c === undefined) return null;
    const eligible = this.engine.state.idle.eligible(c.channel, c.requirements);
    return estimatedWaitSeconds({
      position,
      staffedAgents: eligible.staffed,
      availableAgents: Math.min(eligible.idle, eligible.staffed),
      ahtSeconds: this.stats.handleMean(c.queueId).value ?? DEFAULT_AHT_SECONDS,
    });
  }

  queue(queueId: string, nowMs = this.engine.state.clockMs): QueueView | undefined {
    const s = this.engine.state;
    const queue = s.queues.get(queueId);
    if (queue === undefined) return undefined;
    const ordered = this.engine.waitingIn(queueId);
    const contacts: WaitingContactView[] = ordered.map((c, i) => ({
      contactId: c.id,
      channel: c.channel,
      position: i + 1,
      waitedSeconds: Math.max(0, nowMs - c.firstQueuedMs) / 1000,
      priority: priorityAt(c, nowMs),
      customerTier: c.customerTier,
      estimatedWaitSeconds: this.estimatedWait(c.id, i + 1),
      why: this.engine.whyWaiting(c.id, nowMs) ?? "",
      callbackRequested: c.callbackNumber !== undefined,
    }));
    const agents = { available: 0, ringing: 0, busy: 0, wrapUp: 0, away: 0 };
    let staffed = 0;
    for (const a of s.agents.values()) {
      if (!a.signedIn || !queue.defaultSkills.every((r) => (a.skills.get(r.skill) ?? 0) >= r.minLevel))
        continue;
      staffed += 1;
      const status = statusOf(a);
      if (status === "available") agents.available += 1;
      else if (status === "ringing") agents.ringing += 1;
      else if (status === "busy") agents.busy += 1;
      else if (status === "wrap-up") agents.wrapUp += 1;
      else if (status === "away") agents.away += 1;
    }
    const figures = this.stats.figures(queueId, ordered.length);
    const aht = this.stats.handleMean(queueId).value ?? DEFAULT_AHT_SECONDS;
    return {
      queueId,
      waiting: ordered.length,
      longestWaitSeconds: contacts.reduce((m, c) => Math.max(m, c.waitedSeconds), 0),
      agents,
      serviceLevel: figures.serviceLevel,
      targetServiceLevel: queue.targetServiceLevel,
      thresholdSeconds: queue.thresholdSeconds,
      asa: figures.asa,
      abandonRate: figures.abandonRate,
      estimatedWaitSeconds: estimatedWaitSeconds({
        position: ordered.length + 1,
        staffedAgents: staffed,
        availableAgents: Math.min(agents.available, staffed),
        ahtSeconds: aht,
      }),
      counts: figures.counts,
      contacts,
    };
  }

  agents(nowMs = this.engine.state.clockMs): AgentView[] {
    const views: AgentView[] = [];
    for (const a of this.engine.state.agents.values()) {
      let since = a.contacts.size === 0 ? Math.max(a.readinessSinceMs, a.idleSinceMs) : a.readinessSinceMs;
      for (const held of a.contacts.values()) since = Math.max(since, held.sinceMs);
      const skills = [...a.skills].map(([skill, level]) => ({ skill, level }));
      views.push({
        agentId: a.id,
        teamId: this.teams.get(a.id),
        skills,
        queueIds: this.queuesServedBy(a.skills),
        status: statusOf(a),
        secondsInState: Math.max(0, nowMs - since) / 1000,
        reasonCode: a.ready ? undefined : a.notReadyReason,
        pending:
          a.pending === undefined
            ? undefined
            : a.pending.type === "not-ready"
              ? `not-ready:${a.pending.reasonCode}`
              : a.pending.type,
        monitoring: a.monitoring !== undefined,
        contacts: [...a.contacts.values()].map((h) => ({
          contactId: h.contactId,
          channel: h.channel,
          activity: h.activity,
          seconds: Math.max(0, nowMs - h.sinceMs) / 1000,
        })),
        handledToday: this.handledToday.get(a.id) ?? 0,
      });
    }
    return views;
  }

  /** Queues whose default requirements these skills meet (a queue with none takes anyone). */
  private queuesServedBy(skills: ReadonlyMap<string, number>): string[] {
    const served: string[] = [];
    for (const queue of this.engine.state.queues.values())
      if (queue.defaultSkills.every((r) => (skills.get(r.skill) ?? 0) >= r.minLevel)) served.push(queue.id);
    return served;
  }

  liveContacts(nowMs = this.engine.state.clockMs): LiveContactView[] {
    return [...this.engine.state.contacts.values()].map((c) => ({
      contactId: c.id,
      channel: c.channel,
      queueId: c.queueId,
      phase: c.phase,
      agentId: c.agentId,
      customerId: c.customerId,
      customerTier: c.customerTier,
      waitedSeconds: Math.max(0, nowMs - c.firstQueuedMs) / 1000,
    }));
  }

  snapshot(nowMs = this.engine.state.clockMs): LiveSnapshot {
    return {
      at: new Date(nowMs).toISOString(),
      queues: [...this.engine.state.queues.keys()].flatMap((q) => this.queue(q, nowMs) ?? []),
      agents: this.agents(nowMs),
      liveContacts: this.liveContacts(nowMs),
      alerts: this.alerts.list().map((a) => ({
        alertId: a.alertId,
        kind: a.kind,
        severity: a.severity,
        subject: a.subject,
        message: a.message,
        sinceSeconds: Math.max(0, nowMs - a.raisedAtMs) / 1000,
      })),
      anomalies: { ...this.engine.anomalies.counts },
    };
  }

  /** An agent the router could offer work to on this channel now (for tests and tools). */
  isAvailable(agentId: string): boolean {
    const a = this.engine.state.agents.get(agentId);
    return (
      a !== undefined &&
      (Object.keys(a.capacity) as (keyof typeof a.capacity)[]).some((ch) => availableFor(a, ch))
    );
  }
}
