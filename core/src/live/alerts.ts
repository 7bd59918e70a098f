// Alerts as state: each condition is raised once when it starts and cleared once when it ends, as
// alert.raised / alert.cleared events. Ids derive from the subject and the raise time, so a rebuilt
// live state raises the same ids and sinks dedupe them.

import type { AlertEvent, AlertKind, AlertMeasure, AlertRaisedData, AlertSeverity } from "../events/index";

export interface ActiveAlert {
  alertId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: string;
  raisedAtMs: number;
  message: string;
  measure: AlertMeasure | undefined;
}

type Subject = Pick<AlertRaisedData, "queueId" | "agentId" | "contactId" | "ticketNumber" | "flagId">;

export class AlertBook {
  private readonly active = new Map<string, ActiveAlert>();
  /** The same alerts by kind: clearAllExcept walks one kind, not every open ticket's breach. */
  private readonly byKind = new Map<AlertKind, Map<string, ActiveAlert>>();
  readonly emitted: AlertEvent[] = [];
  private n = 0;

  constructor(private readonly tenant: string) {}

  private envelope(ms: number, alertId: string) {
    this.n += 1;
    return {
      id: `${alertId}~${this.n}`,
      version: 1 as const,
      time: new Date(ms).toISOString(),
      tenant: this.tenant,
      source: "live",
    };
  }

  list(): ActiveAlert[] {
    return [...this.active.values()];
  }

  isActive(kind: AlertKind, subject: string): boolean {
    return this.active.has(`${kind}:${subject}`);
  }

  /** The active alert's severity, so a rule can skip building what raise() would ignore. */
  severityOf(kind: AlertKind, subject: string): AlertSeverity | undefined {
    return this.byKind.get(kind)?.get(subject)?.severity;
  }

  /** Raise (or re-raise at a new severity) the alert for this kind and subject. */
  raise(
    ms: number,
    kind: AlertKind,
    subject: string,
    fields: Subject & { severity: AlertSeverity; message: string; measure?: AlertMeasure },
  ): void {
    const key = `${kind}:${subject}`;
    const current = this.active.get(key);
    if (current?.severity === fields.severity) return;
    if (current !== undefined) this.clear(ms, kind, subject, fields.measure);
    const alertId = `${key}@${ms}`.slice(0, 128);
    const alert: ActiveAlert = {
      alertId,
      kind,
      severity: fields.severity,
      subject,
      raisedAtMs: ms,
      message: fields.message,
      measure: fields.measure,
    };
    this.active.set(key, alert);
    let ofKind = this.byKind.get(kind);
    if (ofKind === undefined) {
      ofKind = new Map();
      this.byKind.set(kind, ofKind);
    }
    ofKind.set(subject, alert);
    const { severity, message, measure, ...about } = fields;
    this.emitted.push({
      ...this.envelope(ms, alertId),
      type: "alert.raised",
      data: { alertId, kind, severity, message, ...about, ...(measure === undefined ? {} : { measure }) },
    });
  }

  clear(ms: number, kind: AlertKind, subject: string, measure?: AlertMeasure): void {
    const key = `${kind}:${subject}`;
    const current = this.active.get(key);
    if (current === undefined) return;
    this.active.delete(key);
    this.byKind.get(kind)?.delete(subject);
    this.emitted.push({
      ...this.envelope(ms, current.alertId),
      type: "alert.cleared",
      data: {
        alertId: current.alertId,
        kind,
        reason: "recovered",
        ...(measure === undefined ? {} : { measure }),
      },
    });
  }

  /** Clear every alert of a kind whose subject is not in `still`. */
  clearAllExcept(ms: number, kind: AlertKind, still: ReadonlySet<string>): void {
    // A Map may lose entries while it is iterated (clear deletes): no copy of every active alert.
    const ofKind = this.byKind.get(kind);
    if (ofKind === undefined) return;
    for (const alert of ofKind.values()) if (!still.has(alert.subject)) this.clear(ms, kind, alert.subject);
  }

  drain(): AlertEvent[] {
    return this.emitted.splice(0, this.emitted.length);
  }
}
