import type { Warehouse } from "../client";
import { runNamedQuery } from "./named-query";

export interface TicketStep {
  at: string;
  /** The event type without "ticket.": created, assigned, moved, commented, resolved, reopened, closed. */
  action: string;
  department: string | null;
  agentId: string | null;
  /** What a customer may read: the subject, a move's reason, a public comment, the resolution. */
  note: string | null;
}

export interface TicketProgress {
  ticketNumber: string;
  subject: string;
  priority: string;
  department: string;
  status: "open" | "resolved" | "closed";
  createdAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  departments: string[];
  steps: TicketStep[];
}

interface Row {
  type: string;
  time: string;
  data: string;
}

type Data = Record<string, unknown>;
const text = (d: Data, key: string): string | null =>
  typeof d[key] === "string" ? (d[key] as string) : null;

/** A ticket's path through departments and its status, or undefined when the number is unknown. */
export async function ticketProgress(
  warehouse: Warehouse,
  query: { ticketNumber: string; tenant?: string },
): Promise<TicketProgress | undefined> {
  const rows = await runNamedQuery<Row>(warehouse, "ticket_progress", {
    tenant: query.tenant ?? "default",
    ticket: query.ticketNumber,
  });
  if (rows.length === 0) return undefined;
  const t: TicketProgress = {
    ticketNumber: query.ticketNumber,
    subject: "",
    priority: "",
    department: "",
    status: "open",
    createdAt: null,
    dueAt: null,
    resolvedAt: null,
    departments: [],
    steps: [],
  };
  const visit = (department: string | null) => {
    if (department !== null && t.departments.at(-1) !== department) t.departments.push(department);
    if (department !== null) t.department = department;
  };
  for (const row of rows) {
    const d = JSON.parse(row.data) as Data;
    const at = `${row.time.replace(" ", "T")}Z`;
    const action = row.type.slice("ticket.".length);
    let department: string | null = null;
    let note: string | null = null;
    let agentId: string | null = null;
    switch (action) {
      case "created":
        t.subject = text(d, "subject") ?? "";
        t.priority = text(d, "priority") ?? "";
        t.createdAt = at;
        t.dueAt = text(d, "dueAt");
        department = text(d, "department");
        note = t.subject;
        break;
      case "assigned":
        department = text(d, "department");
        agentId = text(d, "assigneeAgentId");
        break;
      case "moved":
        department = text(d, "toDepartment");
        note = text(d, "reason");
        t.dueAt = text(d, "dueAt") ?? t.dueAt;
        break;
      case "commented":
        // Internal notes are staff-only: the step is shown, its text is not.
        note = d.visibility === "public" ? text(d, "text") : null;
        agentId = text(d, "authorId");
        break;
      case "resolved":
        t.status = "resolved";
        t.resolvedAt = at;
        agentId = text(d, "resolvedByAgentId");
        note = text(d, "resolution");
        break;
      case "reopened":
        t.status = "open";
        t.resolvedAt = null;
        t.dueAt = text(d, "dueAt") ?? t.dueAt;
        note = text(d, "reason");
        break;
      case "closed":
        t.status = "closed";
        break;
      default:
        break;
    }
    visit(department);
    t.steps.push({ at, action, department, agentId, note });
  }
  return t;
}
