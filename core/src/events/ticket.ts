import { z } from "zod";
import type { EventDef } from "./envelope";
import {
  code,
  e164,
  type IsoTime,
  idString,
  isoTime,
  longText,
  shortText,
  tags,
  ticketNumber,
} from "./fields";
import type { SpecTable } from "./spec";

// Tickets (工单): created, moved between departments, worked, resolved. Every ticket event is keyed by
// its number (partition and order per ticket), so contact and agent ids live in data, never in the
// envelope. Any of these except created/closed counts as progress for the 50% SLA reminder.

export type TicketPriority = "low" | "normal" | "high" | "urgent";
export type TicketActor = "customer" | "agent" | "system";

export interface TicketCustomer {
  customerId?: string;
  name?: string;
  phone?: string;
  email?: string;
}

export interface TicketCreatedData {
  ticketNumber: string;
  subject: string;
  description?: string;
  priority: TicketPriority;
  department: string;
  /** SLA due time for this priority; reminders and breaches are measured against it. */
  dueAt: IsoTime;
  customer: TicketCustomer;
  openedBy: TicketActor;
  openedByAgentId?: string;
  /** The contact it was raised from, when there was one. */
  fromContactId?: string;
  categories: string[];
}

export interface TicketAssignedData {
  ticketNumber: string;
  department: string;
  assigneeAgentId: string;
  /** Agent, supervisor or "router". */
  assignedBy: string;
}

export interface TicketMovedData {
  ticketNumber: string;
  fromDepartment: string;
  toDepartment: string;
  reason: string;
  movedBy: string;
  /** A new due time when the receiving department's SLA differs. */
  dueAt?: IsoTime;
}

export interface TicketCommentedData {
  ticketNumber: string;
  commentId: string;
  /** public: the customer sees it; internal: staff only. */
  visibility: "public" | "internal";
  authorRole: TicketActor;
  authorId?: string;
  text: string;
}

export interface TicketResolvedData {
  ticketNumber: string;
  resolvedByAgentId: string;
  resolution: string;
  resolutionCode?: string;
}

export interface TicketReopenedData {
  ticketNumber: string;
  reopenedBy: TicketActor;
  reason?: string;
  /** The SLA window restarts. */
  dueAt: IsoTime;
}

export interface TicketClosedData {
  ticketNumber: string;
  closedBy: TicketActor;
  /** resolved: after ticket.resolved; the others close without a resolution. */
  reason: "resolved" | "duplicate" | "no-response" | "cancelled";
}

export type TicketCreated = EventDef<"ticket.created", 1, "detached", TicketCreatedData>;
export type TicketAssigned = EventDef<"ticket.assigned", 1, "detached", TicketAssignedData>;
export type TicketMoved = EventDef<"ticket.moved", 1, "detached", TicketMovedData>;
export type TicketCommented = EventDef<"ticket.commented", 1, "detached", TicketCommentedData>;
export type TicketResolved = EventDef<"ticket.resolved", 1, "detached", TicketResolvedData>;
export type TicketReopened = EventDef<"ticket.reopened", 1, "detached", TicketReopenedData>;
export type TicketClosed = EventDef<"ticket.closed", 1, "detached", TicketClosedData>;

export type TicketEvent =
  | TicketCreated
  | TicketAssigned
  | TicketMoved
  | TicketCommented
  | TicketResolved
  | TicketReopened
  | TicketClosed;

const actor = z.enum(["customer", "agent", "system"]);
const department = shortText(64);

const customer = z.strictObject({
  customerId: idString.optional(),
  name: shortText(128).optional(),
  phone: e164.optional(),
  email: z.email().max(254).optional(),
}) satisfies z.ZodType<TicketCustomer>;

const ticketCreatedV1 = z.strictObject({
  ticketNumber,
  subject: shortText(256),
  description: longText.optional(),
  priority: z.enum(["low", "normal", "high", "urgent"]),
  department,
  dueAt: isoTime,
  customer,
  openedBy: actor,
  openedByAgentId: idString.optional(),
  fromContactId: idString.optional(),
  categories: tags,
}) satisfies z.ZodType<TicketCreatedData>;

const ticketAssignedV1 = z.strictObject({
  ticketNumber,
  department,
  assigneeAgentId: idString,
  assignedBy: idString,
}) satisfies z.ZodType<TicketAssignedData>;

const ticketMovedV1 = z.strictObject({
  ticketNumber,
  fromDepartment: department,
  toDepartment: department,
  reason: shortText(1_000),
  movedBy: idString,
  dueAt: isoTime.optional(),
}) satisfies z.ZodType<TicketMovedData>;

const ticketCommentedV1 = z.strictObject({
  ticketNumber,
  commentId: idString,
  visibility: z.enum(["public", "internal"]),
  authorRole: actor,
  authorId: idString.optional(),
  text: longText,
}) satisfies z.ZodType<TicketCommentedData>;

const ticketResolvedV1 = z.strictObject({
  ticketNumber,
  resolvedByAgentId: idString,
  resolution: longText,
  resolutionCode: code.optional(),
}) satisfies z.ZodType<TicketResolvedData>;

const ticketReopenedV1 = z.strictObject({
  ticketNumber,
  reopenedBy: actor,
  reason: shortText(1_000).optional(),
  dueAt: isoTime,
}) satisfies z.ZodType<TicketReopenedData>;

const ticketClosedV1 = z.strictObject({
  ticketNumber,
  closedBy: actor,
  reason: z.enum(["resolved", "duplicate", "no-response", "cancelled"]),
}) satisfies z.ZodType<TicketClosedData>;

export const ticketSpecs = {
  "ticket.created": { 1: { subject: "detached", data: ticketCreatedV1 } },
  "ticket.assigned": { 1: { subject: "detached", data: ticketAssignedV1 } },
  "ticket.moved": { 1: { subject: "detached", data: ticketMovedV1 } },
  "ticket.commented": { 1: { subject: "detached", data: ticketCommentedV1 } },
  "ticket.resolved": { 1: { subject: "detached", data: ticketResolvedV1 } },
  "ticket.reopened": { 1: { subject: "detached", data: ticketReopenedV1 } },
  "ticket.closed": { 1: { subject: "detached", data: ticketClosedV1 } },
} satisfies SpecTable<TicketEvent>;
