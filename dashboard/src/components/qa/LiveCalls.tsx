"use client";

import { codeText } from "../../lib/code-text";
import type { MessageKey } from "../../lib/i18n";
import type { LiveContact, MonitorMode, MonitorSession } from "../../lib/live-types";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import type { Operation } from "./commands";

const modes: { mode: MonitorMode; label: MessageKey }[] = [
  { mode: "LISTEN", label: "listen" },
  { mode: "WHISPER", label: "whisper" },
  { mode: "BARGE", label: "barge" },
];

/** Calls and chats in progress; voice rows carry the monitoring buttons the role may use. */
export function LiveCalls({
  contacts,
  monitors,
  endpoint,
  busy,
  run,
}: {
  contacts: LiveContact[];
  monitors: Map<string, MonitorSession[]>;
  endpoint: string;
  busy: boolean;
  run: (operation: Operation, target: string, variables: Record<string, unknown>) => Promise<void>;
}) {
  const { t, fmt, role } = useSession();
  const monitor = can(role, "Mutation.monitorCall");
  const takeOver = can(role, "Mutation.takeOverCall");
  const hangup = can(role, "Mutation.forceHangup");
  const noEndpoint = endpoint.trim() === "";
  return (
    <section className="card">
      <h2>
        {t("liveContacts")} · {fmt.int(contacts.length)}
      </h2>
      <table data-testid="live-calls">
        <thead>
          <tr>
            <th>{t("channel")}</th>
            <th>{t("customer")}</th>
            <th>{t("agent")}</th>
            <th>{t("queue")}</th>
            <th>{t("phase")}</th>
            <th className="num">{t("duration")}</th>
            <th>{t("monitors")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => {
            const voiceLive = c.channel === "VOICE" && c.phase === "CONNECTED";
            return (
              <tr key={c.id} data-testid={`contact-${c.id}`}>
                <td>{codeText(t, "channel", c.channel)}</td>
                <td>
                  {c.customerAddress ?? c.customerId ?? t("none")}
                  {c.customerTier !== null && <span className="tag">{c.customerTier}</span>}
                </td>
                <td>{c.agentId ?? t("none")}</td>
                <td>{c.queueId}</td>
                <td>{codeText(t, "contactPhase", c.phase)}</td>
                <td className="num" data-since={Date.parse(c.waitingSince)}>
                  {fmt.duration((Date.now() - Date.parse(c.waitingSince)) / 1000)}
                </td>
                <td>
                  {(monitors.get(c.id) ?? [])
                    .map((m) => `${m.supervisor} ${codeText(t, "monitorMode", m.mode)}`)
                    .join(", ")}
                </td>
                <td>
                  {voiceLive && (
                    <div className="actions">
                      {monitor &&
                        modes.map((m) => (
                          <button
                            type="button"
                            className="small"
                            key={m.mode}
                            disabled={busy || noEndpoint}
                            onClick={() =>
                              void run("monitorCall", c.id, { callId: c.id, mode: m.mode, endpoint })
                            }
                          >
                            {t(m.label)}
                          </button>
                        ))}
                      {takeOver && (
                        <button
                          type="button"
                          className="small"
                          disabled={busy || noEndpoint}
                          onClick={() => void run("takeOverCall", c.id, { callId: c.id, endpoint })}
                        >
                          {t("takeOver")}
                        </button>
                      )}
                      {hangup && (
                        <button
                          type="button"
                          className="small danger"
                          disabled={busy}
                          onClick={() =>
                            void run("forceHangup", c.id, { callId: c.id, reason: "supervisor" })
                          }
                        >
                          {t("forceHangup")}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
