"use client";

import { memo, useMemo, useState } from "react";
import { formatDuration } from "../../lib/format";
import type { MessageKey } from "../../lib/i18n";
import type { Agent, AgentStatus } from "../../lib/live-types";
import { useSession } from "../../lib/session";

const statuses: AgentStatus[] = ["AVAILABLE", "RINGING", "BUSY", "WRAP_UP", "AWAY", "OFFLINE"];

/** One agent; re-renders only when its own record changes (the page's useDomClock writes the clock). */
const AgentTile = memo(function AgentTile({ agent, label }: { agent: Agent; label: string }) {
  const since = Date.parse(agent.stateSince);
  return (
    <li className={`agent s-${agent.status}`} data-testid={`agent-${agent.id}`} data-status={agent.status}>
      <span className="agent-id">{agent.id}</span>
      <span className="agent-state">
        {agent.reasonCode ?? label}
        {agent.monitored ? " 🎧" : ""}
      </span>
      <span className="agent-clock" data-since={since}>
        {formatDuration((Date.now() - since) / 1000)}
      </span>
    </li>
  );
});

/** Memoized: queue and alert messages re-render the wallboard several times a second, the grid only
 * when the agent list itself changed. */
export const AgentGrid = memo(function AgentGrid({ agents }: { agents: Agent[] }) {
  const { t, fmt } = useSession();
  const [filter, setFilter] = useState<AgentStatus | "ALL">("ALL");
  const counts = useMemo(() => {
    const c = new Map<AgentStatus, number>();
    for (const a of agents) c.set(a.status, (c.get(a.status) ?? 0) + 1);
    return c;
  }, [agents]);
  const shown = filter === "ALL" ? agents : agents.filter((a) => a.status === filter);
  // Large floors get smaller tiles so a thousand agents still fit one wall screen.
  const density = agents.length > 400 ? "dense" : agents.length > 120 ? "compact" : "roomy";
  return (
    <div className="agents-panel">
      <div className="agent-summary">
        <button
          type="button"
          className={filter === "ALL" ? "chip active" : "chip"}
          onClick={() => setFilter("ALL")}
        >
          {t("allStates")} {fmt.int(agents.length)}
        </button>
        {statuses.map((s) => (
          <button
            type="button"
            key={s}
            className={`chip s-${s}${filter === s ? " active" : ""}`}
            onClick={() => setFilter(filter === s ? "ALL" : s)}
          >
            {t(`status_${s}` as MessageKey)} {fmt.int(counts.get(s) ?? 0)}
          </button>
        ))}
      </div>
      <ul className={`agent-grid ${density}`} aria-label={t("agents")}>
        {shown.map((a) => (
          <AgentTile key={a.id} agent={a} label={t(`status_${a.status}` as MessageKey)} />
        ))}
      </ul>
    </div>
  );
});
