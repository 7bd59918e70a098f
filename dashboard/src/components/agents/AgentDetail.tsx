"use client";

import { useRef } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { codeText } from "../../lib/code-text";
import { useDomClock } from "../../lib/dom-clock";
import { useQuery } from "../../lib/hooks";
import type { MessageKey } from "../../lib/i18n";
import type { Agent } from "../../lib/live-types";
import { can } from "../../lib/roles";
import { reasonText } from "../../lib/server-text";
import { useSession } from "../../lib/session";
import { Status } from "../Status";
import type { Scorecard } from "./Agents";

const agentQuery = `query($id: ID!) { agent(id: $id) {
  id status stateSince reasonCode pendingState monitored handledToday contacts { contactId channel activity } } }`;

function mean(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** One agent: the scorecard beside the team's mean, and the live state when the role may see it. */
export function AgentDetail({
  agentId,
  card,
  team,
  onBack,
}: {
  agentId: string;
  card: Scorecard | undefined;
  team: Scorecard[];
  onBack: () => void;
}) {
  const { t, fmt, role } = useSession();
  const root = useRef<HTMLDivElement>(null);
  useDomClock(root);
  const live = useQuery<{ agent: Agent | null }>(agentQuery, { id: agentId }, !can(role, "Query.agent"));
  const rates: { label: MessageKey; mine: number | null; team: number | null }[] =
    card === undefined
      ? []
      : [
          { label: "occupancy", mine: card.occupancy, team: mean(team.map((c) => c.occupancy)) },
          { label: "csat", mine: card.csat, team: mean(team.map((c) => c.csat)) },
          {
            label: "resolutionRate",
            mine: card.handled > 0 ? card.resolved / card.handled : null,
            team: mean(team.map((c) => (c.handled > 0 ? c.resolved / c.handled : null))),
          },
        ];
  const agent = live.data?.agent;
  return (
    <div className="stack" data-testid="agent-detail" ref={root}>
      <div className="row">
        <button type="button" onClick={onBack}>
          ← {t("back")}
        </button>
        <h2>
          {t("agent")} {agentId}
        </h2>
      </div>
      {can(role, "Query.agent") && (
        <section className="card">
          <h2>{t("liveState")}</h2>
          <Status loading={live.loading} error={live.error} />
          {agent === null && <p className="muted">{t("status_OFFLINE")}</p>}
          {agent !== undefined && agent !== null && (
            <div className="kpis">
              <div className="kpi">
                <span className="muted">{t("agentState")}</span>
                <span className="kpi-value">{codeText(t, "agentStatus", agent.status)}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("reason")}</span>
                <span className="kpi-value">
                  {agent.reasonCode === null ? t("none") : reasonText(t, agent.reasonCode)}
                </span>
              </div>
              <div className="kpi">
                <span className="muted">{t("inStateFor")}</span>
                <span className="kpi-value" data-since={Date.parse(agent.stateSince)}>
                  {fmt.duration((Date.now() - Date.parse(agent.stateSince)) / 1000)}
                </span>
              </div>
              <div className="kpi">
                <span className="muted">{t("handledToday")}</span>
                <span className="kpi-value">{fmt.int(agent.handledToday)}</span>
              </div>
            </div>
          )}
        </section>
      )}
      {card !== undefined && (
        <section className="card">
          <h2>{t("scorecards")}</h2>
          <div className="kpis">
            <div className="kpi">
              <span className="muted">{t("handled")}</span>
              <span className="kpi-value">{fmt.int(card.handled)}</span>
            </div>
            <div className="kpi">
              <span className="muted">{t("aht")}</span>
              <span className="kpi-value">{fmt.duration(card.ahtSeconds)}</span>
            </div>
            <div className="kpi">
              <span className="muted">{t("csatResponses")}</span>
              <span className="kpi-value">{fmt.int(card.csatResponses)}</span>
            </div>
            <div className="kpi">
              <span className="muted">{t("complaints")}</span>
              <span className="kpi-value">{fmt.int(card.complaints)}</span>
            </div>
            <div className="kpi">
              <span className="muted">{t("qaFlags")}</span>
              <span className="kpi-value">{fmt.int(card.qaFlags)}</span>
            </div>
          </div>
          <div className="chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rates.map((r) => ({ name: t(r.label), mine: r.mine, team: r.team }))}>
                <CartesianGrid stroke="#30363d" />
                <XAxis dataKey="name" stroke="#9aa5b1" />
                <YAxis stroke="#9aa5b1" domain={[0, 1]} tickFormatter={(v: number) => fmt.percent(v)} />
                <Tooltip
                  formatter={(v) => fmt.percent(typeof v === "number" ? v : null)}
                  contentStyle={{ background: "#161b22", border: "1px solid #30363d" }}
                />
                <Legend />
                <Bar dataKey="mine" name={agentId} fill="#4ea1ff" isAnimationActive={false} />
                <Bar dataKey="team" name={t("agents")} fill="#8b949e" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </section>
      )}
    </div>
  );
}
