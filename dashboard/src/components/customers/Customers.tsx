"use client";

import { useState } from "react";
import { codeText } from "../../lib/code-text";
import { useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { Status } from "../Status";
import { lookupVariables } from "./lookup";

interface Customer {
  id: string;
  phone: string | null;
  name: string | null;
  tier: string | null;
  tags: string[];
  csatAverage: number | null;
  contacts: {
    contactId: string;
    channel: string | null;
    startedAt: string | null;
    queueId: string;
    agentId: string;
    outcome: string;
    resolved: boolean;
    csatScore: number | null;
    categories: string[];
  }[];
  tickets: {
    number: string;
    subject: string;
    priority: string;
    department: string;
    createdAt: string | null;
    resolvedAt: string | null;
  }[];
}

const query = `query($phone: String, $id: ID) { customer(phone: $phone, id: $id) {
  id phone name tier tags csatAverage
  contacts { contactId channel startedAt queueId agentId outcome resolved csatScore categories }
  tickets { number subject priority department createdAt resolvedAt } } }`;

export function Customers() {
  const { t, fmt } = useSession();
  const [draft, setDraft] = useState("");
  const [input, setInput] = useState("");
  const result = useQuery<{ customer: Customer | null }>(query, lookupVariables(input), input === "");
  const c = result.data?.customer;
  return (
    <div className="stack">
      <section className="card">
        <h2>{t("customerLookup")}</h2>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setInput(draft);
          }}
        >
          <label>
            {t("phoneOrId")}
            <input name="customer" value={draft} onChange={(e) => setDraft(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            {t("find")}
          </button>
        </form>
        {input !== "" && <Status loading={result.loading} error={result.error} />}
        {c === null && <p className="muted">{t("notFound")}</p>}
      </section>
      {c !== undefined && c !== null && (
        <>
          <section className="card" data-testid="customer">
            <h2>
              {c.name ?? c.id} <span className="muted">{c.phone}</span>
            </h2>
            <div className="kpis">
              <div className="kpi">
                <span className="muted">{t("tier")}</span>
                <span className="kpi-value">{c.tier ?? t("none")}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("csatAverage")}</span>
                <span className="kpi-value">{fmt.decimal(c.csatAverage, 1)}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("contacts")}</span>
                <span className="kpi-value">{fmt.int(c.contacts.length)}</span>
              </div>
              <div className="kpi">
                <span className="muted">{t("tickets")}</span>
                <span className="kpi-value">{fmt.int(c.tickets.length)}</span>
              </div>
            </div>
            <p>
              {t("tags")}:{" "}
              {c.tags.length === 0
                ? t("none")
                : c.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
            </p>
          </section>
          <section className="card">
            <h2>{t("history")}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t("started")}</th>
                  <th>{t("channel")}</th>
                  <th>{t("queue")}</th>
                  <th>{t("agent")}</th>
                  <th>{t("outcome")}</th>
                  <th>{t("categories")}</th>
                  <th className="num">{t("csat")}</th>
                </tr>
              </thead>
              <tbody>
                {c.contacts.map((x) => (
                  <tr key={x.contactId}>
                    <td>{x.startedAt === null ? t("none") : fmt.dateTime(x.startedAt)}</td>
                    <td>{x.channel === null ? t("none") : codeText(t, "channel", x.channel)}</td>
                    <td>{x.queueId}</td>
                    <td>{x.agentId}</td>
                    <td data-testid="contact-outcome">
                      {codeText(t, "contactOutcome", x.outcome)}
                      {x.resolved ? <span title={t("resolvedMark")}> ✓</span> : ""}
                    </td>
                    <td>{x.categories.join(", ")}</td>
                    <td className="num">{x.csatScore === null ? t("none") : fmt.decimal(x.csatScore, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.tickets.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th>{t("ticketNumber")}</th>
                    <th>{t("subject")}</th>
                    <th>{t("priority")}</th>
                    <th>{t("department")}</th>
                    <th>{t("started")}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.tickets.map((x) => (
                    <tr key={x.number}>
                      <td>{x.number}</td>
                      <td>{x.subject}</td>
                      <td>{codeText(t, "ticketPriority", x.priority)}</td>
                      <td>{x.department}</td>
                      <td>{x.createdAt === null ? t("none") : fmt.dateTime(x.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
