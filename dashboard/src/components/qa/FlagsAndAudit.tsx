"use client";

import { useMemo } from "react";
import { auditReasonText } from "../../lib/audit-text";
import { codeText } from "../../lib/code-text";
import { useQuery } from "../../lib/hooks";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { Status } from "../Status";
import { FlagReview } from "./FlagReview";

interface Flag {
  id: string;
  flaggedAt: string;
  contactId: string;
  channel: string | null;
  agentId: string;
  ruleId: string;
  category: string;
  severity: string;
  matchedText: string;
  verdict: string | null;
}
interface Audit {
  at: string;
  action: string;
  actor: string;
  role: string;
  callId: string | null;
  agentId: string | null;
  mode: string | null;
  outcome: string;
  reason: string | null;
}

const flagsQuery = `query($from: DateTime!, $to: DateTime!) { qaFlags(from: $from, to: $to, first: 100) {
  nodes { id flaggedAt contactId channel agentId ruleId category severity matchedText verdict } } }`;
const auditQuery = `query($from: DateTime!, $to: DateTime!) { auditLog(from: $from, to: $to, first: 100) {
  nodes { at action actor role callId agentId mode outcome reason } } }`;

/** Flagged transcript segments (last 7 days) and the supervisor audit trail (last 24 hours). */
export function FlagsAndAudit({ refresh, poll }: { refresh: number; poll: number }) {
  const { t, fmt, role } = useSession();
  // Flags of the last 7 days, up to a day ahead (a flag is stamped with the transcript's own time,
  // which may run ahead of this browser's clock).
  const week = useMemo(
    () => ({
      from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    [],
  );
  // The last 24 hours up to an hour ahead; `refresh` (an extra variable the query ignores) makes a
  // new command's entry be fetched, `poll` picks up entries the warehouse sink writes a moment later.
  const day = useMemo(
    () => ({
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 3_600_000).toISOString(),
    }),
    [],
  );
  const flags = useQuery<{ qaFlags: { nodes: Flag[] } }>(flagsQuery, week, !can(role, "Query.qaFlags"));
  const audit = useQuery<{ auditLog: { nodes: Audit[] } }>(
    auditQuery,
    { ...day, refresh, poll },
    !can(role, "Query.auditLog"),
  );
  return (
    <>
      {can(role, "Query.qaFlags") && (
        <section className="card" data-testid="qa-flags">
          <h2>{t("flaggedSegments")}</h2>
          <Status
            loading={flags.loading}
            error={flags.error}
            empty={flags.data?.qaFlags.nodes.length === 0}
          />
          <table>
            <thead>
              <tr>
                <th>{t("at")}</th>
                <th>{t("rule")}</th>
                <th>{t("category")}</th>
                <th>{t("agent")}</th>
                <th>{t("channel")}</th>
                <th>{t("matched")}</th>
                <th>{t("verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {flags.data?.qaFlags.nodes.map((f) => (
                <tr key={f.id} data-testid={`flag-${f.id}`}>
                  <td>{fmt.dateTime(f.flaggedAt)}</td>
                  <td>
                    {f.ruleId} <span className="muted">{codeText(t, "qaSeverity", f.severity)}</span>
                  </td>
                  <td>{f.category}</td>
                  <td>{f.agentId}</td>
                  <td>{f.channel === null ? t("none") : codeText(t, "channel", f.channel)}</td>
                  <td>“{f.matchedText}”</td>
                  <td>
                    <FlagReview flagId={f.id} verdict={f.verdict} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {can(role, "Query.auditLog") && (
        <section className="card" data-testid="audit">
          <h2>{t("auditTrail")}</h2>
          <Status
            loading={audit.loading}
            error={audit.error}
            empty={audit.data?.auditLog.nodes.length === 0}
          />
          <table>
            <thead>
              <tr>
                <th>{t("at")}</th>
                <th>{t("action")}</th>
                <th>{t("actor")}</th>
                <th>{t("customer")}</th>
                <th>{t("agent")}</th>
                <th>{t("mode")}</th>
                <th>{t("outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data?.auditLog.nodes.map((a) => (
                <tr key={`${a.at}-${a.action}-${a.actor}-${a.outcome}`}>
                  <td>{fmt.time(a.at)}</td>
                  <td data-testid="audit-action">{codeText(t, "supervisorOperation", a.action)}</td>
                  <td>
                    {a.actor} <span className="muted">{codeText(t, "role", a.role)}</span>
                  </td>
                  <td>{a.callId?.slice(0, 8) ?? t("none")}</td>
                  <td>{a.agentId ?? t("none")}</td>
                  <td>{a.mode === null ? t("none") : codeText(t, "monitorMode", a.mode)}</td>
                  <td>
                    {codeText(t, "auditOutcome", a.outcome)}
                    {a.reason !== null ? ` — ${auditReasonText(t, a)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
