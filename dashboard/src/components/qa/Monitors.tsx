"use client";

import { codeText } from "../../lib/code-text";
import type { MonitorMode, MonitorSession } from "../../lib/live-types";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import type { Operation } from "./commands";

const modes: MonitorMode[] = ["LISTEN", "WHISPER", "BARGE"];

/** Who monitors which call now, with mode switches and stop for the sessions. */
export function Monitors({
  monitors,
  busy,
  run,
}: {
  monitors: MonitorSession[];
  busy: boolean;
  run: (operation: Operation, target: string, variables: Record<string, unknown>) => Promise<void>;
}) {
  const { t, fmt, role } = useSession();
  const act = can(role, "Mutation.changeMonitorMode");
  return (
    <section className="card" data-testid="monitors">
      <h2>{t("monitors")}</h2>
      {monitors.length === 0 && <p className="muted">{t("noMonitors")}</p>}
      {monitors.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t("supervisor")}</th>
              <th>{t("customer")}</th>
              <th>{t("agent")}</th>
              <th>{t("mode")}</th>
              <th>{t("since")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {monitors.map((m) => (
              <tr key={m.monitorId}>
                <td>
                  {m.supervisor} <span className="muted">{m.supervisorEndpoint}</span>
                </td>
                <td>{m.callId.slice(0, 8)}</td>
                <td>{m.agentId ?? t("none")}</td>
                <td>{codeText(t, "monitorMode", m.mode)}</td>
                <td>{fmt.time(m.startedAt)}</td>
                <td>
                  {act && (
                    <div className="actions">
                      {modes
                        .filter((mode) => mode !== m.mode)
                        .map((mode) => (
                          <button
                            type="button"
                            className="small"
                            key={mode}
                            disabled={busy}
                            onClick={() =>
                              void run("changeMonitorMode", m.callId, { monitorId: m.monitorId, mode })
                            }
                          >
                            {t("switchTo")} {codeText(t, "monitorMode", mode)}
                          </button>
                        ))}
                      <button
                        type="button"
                        className="small danger"
                        disabled={busy}
                        onClick={() => void run("stopMonitor", m.callId, { monitorId: m.monitorId })}
                      >
                        {t("stop")}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
