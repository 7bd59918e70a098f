"use client";

import { useMemo, useState } from "react";
import { codeText } from "../../lib/code-text";
import { useMutation } from "../../lib/hooks";
import type { Agent, Alert, Queue } from "../../lib/live-types";
import { can } from "../../lib/roles";
import { type AlertFacts, alertText } from "../../lib/server-text";
import { useSession } from "../../lib/session";

const order = { CRITICAL: 0, WARNING: 1, INFO: 2 } as const;

/** Alerts, worded with what the board shows beside them: a queue's threshold, an agent's away reason. */
export function AlertsFeed({
  alerts,
  queues,
  agents,
}: {
  alerts: Alert[];
  queues: Queue[];
  agents: Agent[];
}) {
  const { t, fmt, role } = useSession();
  // Looked up only for the few alerts that need it (agents may number thousands).
  const facts = useMemo<AlertFacts>(
    () => ({
      thresholdSeconds: (id) => queues.find((q) => q.id === id)?.thresholdSeconds,
      awayReason: (id) => {
        const agent = agents.find((x) => x.id === id);
        return agent?.status === "AWAY" ? agent.reasonCode : undefined;
      },
    }),
    [queues, agents],
  );
  const mutate = useMutation();
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const sorted = [...alerts].sort(
    (a, b) => Number(a.acknowledged) - Number(b.acknowledged) || order[a.severity] - order[b.severity],
  );
  const acknowledge = async (id: string) => {
    try {
      const r = await mutate<{ acknowledgeAlert: { status: string; error: { message: string } | null } }>(
        "mutation($id: ID!) { acknowledgeAlert(alertId: $id) { status error { message } } }",
        { id },
      );
      setFailed(r.acknowledgeAlert.error?.message);
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="card alerts">
      <h2>
        {t("alerts")} {fmt.int(alerts.filter((a) => !a.acknowledged).length)}
      </h2>
      {failed !== undefined && <p className="error">{failed}</p>}
      {sorted.length === 0 && <p className="muted">{t("noAlerts")}</p>}
      <ul>
        {sorted.map((a) => (
          <li
            key={a.id}
            className={`alert sev-${a.severity}${a.acknowledged ? " acked" : ""}`}
            data-testid="alert"
          >
            <span className="sev">{codeText(t, "alertSeverity", a.severity)}</span>
            <span className="alert-text">
              <strong>{a.subject}</strong> {alertText(t, fmt, a, facts)}
              <span className="muted"> · {fmt.duration(a.sinceSeconds)}</span>
              {a.acknowledged && (
                <span className="muted acked-by">
                  {t("acknowledgedBy", { who: a.acknowledgedBy ?? "?" })}
                </span>
              )}
            </span>
            {!a.acknowledged && can(role, "Mutation.acknowledgeAlert") && (
              <button type="button" className="small" onClick={() => void acknowledge(a.id)}>
                {t("acknowledge")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
