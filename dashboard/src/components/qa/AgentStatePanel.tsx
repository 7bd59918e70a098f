"use client";

import { useState } from "react";
import { codeText } from "../../lib/code-text";
import type { Agent } from "../../lib/live-types";
import { useSession } from "../../lib/session";
import type { Operation } from "./commands";

/** Force an agent ready, not ready with a reason, or signed out (supervisors only). */
export function AgentStatePanel({
  agents,
  busy,
  run,
}: {
  agents: Agent[];
  busy: boolean;
  run: (operation: Operation, target: string, variables: Record<string, unknown>) => Promise<void>;
}) {
  const { t } = useSession();
  const [agentId, setAgentId] = useState("");
  const [reason, setReason] = useState("coaching");
  const chosen = agentId || agents[0]?.id || "";
  const current = agents.find((a) => a.id === chosen);
  return (
    <section className="card" data-testid="agent-state">
      <h2>{t("agentState")}</h2>
      <div className="row">
        <label>
          {t("agent")}
          <select value={chosen} onChange={(e) => setAgentId(e.target.value)}>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id} · {codeText(t, "agentStatus", a.status)}
                {a.reasonCode !== null ? ` (${a.reasonCode})` : ""}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy || current === undefined}
          onClick={() => void run("setAgentState", chosen, { agentId: chosen, state: "READY" })}
        >
          {t("forceReady")}
        </button>
        <label>
          {t("reason")}
          <input
            value={reason}
            maxLength={32}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: 120 }}
          />
        </label>
        <button
          type="button"
          disabled={busy || current === undefined || reason.trim() === ""}
          onClick={() =>
            void run("setAgentState", chosen, {
              agentId: chosen,
              state: "NOT_READY",
              reasonCode: reason.trim(),
            })
          }
        >
          {t("forceNotReady")}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || current === undefined}
          onClick={() => void run("setAgentState", chosen, { agentId: chosen, state: "SIGNED_OUT" })}
        >
          {t("forceSignOut")}
        </button>
      </div>
    </section>
  );
}
