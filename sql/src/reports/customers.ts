import type { Warehouse } from "../client";
import { num, runNamedQuery } from "./named-query";

export interface CustomerContact {
  contactId: string;
  channel: string;
  startedAt: string | null;
  endedAt: string | null;
  queueId: string;
  agentId: string;
  outcome: string;
  resolved: boolean;
  csatScore: number | null;
  categories: string[];
}

export interface CustomerTicket {
  ticketNumber: string;
  subject: string;
  priority: string;
  department: string;
  dueAt: string;
  createdAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface CustomerHistory {
  contacts: CustomerContact[];
  tickets: CustomerTicket[];
}

interface ContactRow {
  contact_id: string;
  channel: string;
  started_at: string | null;
  ended_at: string | null;
  queue_id: string;
  agent_id: string;
  outcome: string;
  resolved: number;
  csat_score: number | null;
  categories: string[];
}

interface TicketRow {
  ticket_number: string;
  subject: string;
  priority: string;
  department: string;
  due_at: string;
  created_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
}

/** All contacts and tickets of one customer across channels, by customer id or phone/address. */
export async function customerHistory(
  warehouse: Warehouse,
  query: { customer: string; tenant?: string; limit?: number },
): Promise<CustomerHistory> {
  const params = { tenant: query.tenant ?? "default", customer: query.customer, limit: query.limit ?? 100 };
  const [contacts, tickets] = [
    await runNamedQuery<ContactRow>(warehouse, "customer_contacts", params),
    await runNamedQuery<TicketRow>(warehouse, "customer_tickets", params),
  ];
  return {
    contacts: contacts.map((r) => ({
      contactId: r.contact_id,
      channel: r.channel,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      queueId: r.queue_id,
      agentId: r.agent_id,
      outcome: r.outcome,
      resolved: num(r.resolved) === 1,
      csatScore: r.csat_score === null ? null : num(r.csat_score),
      categories: [...r.categories].sort(),
    })),
    tickets: tickets.map((r) => ({
      ticketNumber: r.ticket_number,
      subject: r.subject,
      priority: r.priority,
      department: r.department,
      dueAt: r.due_at,
      createdAt: r.created_at,
      resolvedAt: r.resolved_at,
      closedAt: r.closed_at,
    })),
  };
}
