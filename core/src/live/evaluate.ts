// The alert rules, evaluated against the current state: raise what holds, clear what no longer does.

import type { RoutingEngine } from "../routing/index";
import type { AlertBook } from "./alerts";
import type { QueueStats } from "./queue-stats";
import type { AlertThresholds } from "./thresholds";
import type { TicketClocks } from "./tickets";

export interface EvaluationInput {
  engine: RoutingEngine;
  stats: QueueStats;
  tickets: TicketClocks;
  alerts: AlertBook;
  thresholds: AlertThresholds;
  nowMs: number;
}

export function evaluateAlerts(i: EvaluationInput): void {
  queueAlerts(i);
  agentAlerts(i);
  ticketAlerts(i);
}

function queueAlerts({ engine, stats, alerts, thresholds: t, nowMs }: EvaluationInput): void {
  const waitingNow = new Set<string>();
  for (const queue of engine.state.queues.values()) {
    const waiting = engine.state.waiting.waitingIn(queue.id);
    const { serviceLevel, counts } = stats.figures(queue.id, engine.state.waiting.waitingCount(queue.id));
    const judged = counts.handled + counts.abandoned - counts.shortAbandoned;
    if (
      serviceLevel !== null &&
      judged >= t.minContactsForServiceLevel &&
      serviceLevel < queue.targetServiceLevel
    ) {
      const critical = serviceLevel < queue.targetServiceLevel - t.criticalServiceLevelGap;
      alerts.raise(nowMs, "service-level-below-target", queue.id, {
        queueId: queue.id,
        severity: critical ? "critical" : "warning",
        message: `${queue.id}: service level ${(serviceLevel * 100).toFixed(1)}% under target ${(queue.targetServiceLevel * 100).toFixed(0)}% (${queue.thresholdSeconds} s)`,
        measure: { value: serviceLevel, threshold: queue.targetServiceLevel, unit: "fraction" },
      });
    } else {
      alerts.clear(nowMs, "service-level-below-target", queue.id);
    }
    for (const c of waiting) {
      const waited = (nowMs - c.firstQueuedMs) / 1000;
      if (waited < t.longWaitSeconds) continue;
      waitingNow.add(c.id);
      const severity = waited >= 2 * t.longWaitSeconds ? "critical" : "warning";
      // Raised already at this severity: nothing to build (a backlog is hundreds, every second).
      if (alerts.severityOf("long-wait", c.id) === severity) continue;
      alerts.raise(nowMs, "long-wait", c.id, {
        contactId: c.id,
        queueId: queue.id,
        severity,
        message: `${c.id} has waited ${Math.round(waited)} s in ${queue.id}`,
        measure: { value: waited, threshold: t.longWaitSeconds, unit: "seconds" },
      });
    }
  }
  alerts.clearAllExcept(nowMs, "long-wait", waitingNow);
}

function agentAlerts({ engine, alerts, thresholds: t, nowMs }: EvaluationInput): void {
  const wrapping = new Set<string>();
  const away = new Set<string>();
  for (const a of engine.state.agents.values()) {
    if (!a.signedIn) continue;
    for (const held of a.contacts.values()) {
      const seconds = (nowMs - held.sinceMs) / 1000;
      if (held.activity !== "wrap-up" || seconds < t.wrapupSeconds) continue;
      wrapping.add(a.id);
      if (alerts.severityOf("agent-long-wrapup", a.id) === "warning") continue;
      alerts.raise(nowMs, "agent-long-wrapup", a.id, {
        agentId: a.id,
        severity: "warning",
        message: `${a.id} has been in wrap-up for ${Math.round(seconds)} s`,
        measure: { value: seconds, threshold: t.wrapupSeconds, unit: "seconds" },
      });
    }
    if (a.ready || a.contacts.size > 0) continue;
    const limit = t.awaySeconds[a.notReadyReason ?? "*"] ?? t.awaySeconds["*"] ?? Number.POSITIVE_INFINITY;
    const seconds = (nowMs - a.readinessSinceMs) / 1000;
    if (seconds < limit) continue;
    away.add(a.id);
    if (alerts.severityOf("agent-long-away", a.id) === "warning") continue;
    alerts.raise(nowMs, "agent-long-away", a.id, {
      agentId: a.id,
      severity: "warning",
      message: `${a.id} has been away (${a.notReadyReason ?? "not ready"}) for ${Math.round(seconds / 60)} min`,
      measure: { value: seconds, threshold: limit, unit: "seconds" },
    });
  }
  alerts.clearAllExcept(nowMs, "agent-long-wrapup", wrapping);
  alerts.clearAllExcept(nowMs, "agent-long-away", away);
}

function ticketAlerts({ tickets, alerts, nowMs }: EvaluationInput): void {
  // Only tickets whose state changed (TicketClocks judges just those): clears first, so a reminder
  // that became a breach is cleared before the breach is raised.
  const changes = tickets.changes(nowMs);
  for (const c of changes)
    if (c.from === "reminder") alerts.clear(nowMs, "ticket-sla-reminder", c.ticketNumber);
  for (const c of changes)
    if (c.from === "breached") alerts.clear(nowMs, "ticket-sla-breach", c.ticketNumber);
  for (const t of changes) {
    if (t.to === "ok") continue;
    const breached = t.to === "breached";
    const window = (t.dueAt - t.windowStartAt) / 1000;
    const measure = { value: (nowMs - t.windowStartAt) / 1000, threshold: window, unit: "seconds" as const };
    alerts.raise(nowMs, breached ? "ticket-sla-breach" : "ticket-sla-reminder", t.ticketNumber, {
      ticketNumber: t.ticketNumber,
      severity: breached ? "critical" : "warning",
      message: breached
        ? `${t.ticketNumber}: SLA breached`
        : `${t.ticketNumber}: half its SLA window gone without progress`,
      measure,
    });
  }
}
