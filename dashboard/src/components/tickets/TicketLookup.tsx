"use client";

import { useState } from "react";
import { codeText } from "../../lib/code-text";
import { useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { Status } from "../Status";

interface Ticket {
  number: string;
  subject: string;
  priority: string;
  department: string;
  status: string;
  createdAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  departments: string[];
  steps: {
    at: string;
    action: string;
    department: string | null;
    agentId: string | null;
    note: string | null;
  }[];
}

const query = `query($number: String!) { ticket(number: $number) {
  number subject priority department status createdAt dueAt resolvedAt departments
  steps { at action department agentId note } } }`;

/** Departments in order with keys that stay unique when a ticket comes back to a department. */
function hopsOf(departments: string[]): { department: string; key: string; first: boolean }[] {
  const hops: { department: string; key: string; first: boolean }[] = [];
  let key = "";
  for (const department of departments) {
    key = `${key}>${department}`;
    hops.push({ department, key, first: hops.length === 0 });
  }
  return hops;
}

/** A ticket by number: where it is, and the departments it went through on the way. */
export function TicketLookup() {
  const { t, fmt } = useSession();
  const [draft, setDraft] = useState("");
  const [number, setNumber] = useState("");
  const result = useQuery<{ ticket: Ticket | null }>(query, { number }, number === "");
  const ticket = result.data?.ticket;
  return (
    <section className="card">
      <h2>{t("ticketLookup")}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setNumber(draft.trim());
        }}
      >
        <label>
          {t("ticketNumber")}
          <input name="ticket" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t("find")}
        </button>
      </form>
      {number !== "" && <Status loading={result.loading} error={result.error} />}
      {ticket === null && <p className="muted">{t("notFound")}</p>}
      {ticket !== undefined && ticket !== null && (
        <div className="stack" data-testid="ticket">
          <div className="kpis">
            <div className="kpi">
              <span className="muted">{t("subject")}</span>
              <span>{ticket.subject}</span>
            </div>
            <div className="kpi">
              <span className="muted">{t("priority")}</span>
              <span>
                {codeText(t, "ticketPriority", ticket.priority)} ·{" "}
                {codeText(t, "ticketStatus", ticket.status)}
              </span>
            </div>
            <div className="kpi">
              <span className="muted">{t("started")}</span>
              <span>{ticket.createdAt === null ? t("none") : fmt.dateTime(ticket.createdAt)}</span>
            </div>
            <div className="kpi">
              <span className="muted">{t("due")}</span>
              <span>{ticket.dueAt === null ? t("none") : fmt.dateTime(ticket.dueAt)}</span>
            </div>
          </div>
          <div className="path">
            <span className="muted">{t("path")}:</span>
            {hopsOf(ticket.departments).map((h) => (
              <span key={h.key}>
                {h.first ? "" : "→ "}
                <span className="step">{h.department}</span>
              </span>
            ))}
          </div>
          <table>
            <thead>
              <tr>
                <th>{t("at")}</th>
                <th>{t("action")}</th>
                <th>{t("department")}</th>
                <th>{t("agent")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ticket.steps.map((s) => (
                <tr key={`${s.at}-${s.action}-${s.department ?? ""}-${s.agentId ?? ""}`}>
                  <td>{fmt.dateTime(s.at)}</td>
                  <td>{codeText(t, "ticketStep", s.action)}</td>
                  <td>{s.department ?? t("none")}</td>
                  <td>{s.agentId ?? t("none")}</td>
                  <td className="muted">{s.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
