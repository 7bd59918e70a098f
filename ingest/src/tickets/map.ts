import { parseEvent } from "@starboard/core";
import type { PayloadMapper } from "../http/step";

// Ticket webhooks carry the event model's own ticket fields (ticket.ts) beside `type` and `at`,
// so the schema is the event model's: one definition, and the error paths point into the body.

const ticketTypes = [
  "ticket.created",
  "ticket.assigned",
  "ticket.moved",
  "ticket.commented",
  "ticket.resolved",
  "ticket.reopened",
  "ticket.closed",
] as const;
type TicketType = (typeof ticketTypes)[number];
const isTicketType = (t: unknown): t is TicketType => ticketTypes.some((k) => k === t);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** "data.customer.phone" -> "customer.phone", "time" -> "at": where the sender put it. */
const bodyPath = (path: string) => (path === "time" ? "at" : path.replace(/^data\.?/, ""));

export const mapTicketPayload: PayloadMapper = (payload, context) => {
  if (!isRecord(payload)) return { kind: "invalid", path: "", reason: "expected an object" };
  const { type, at, ...data } = payload;
  if (type === undefined) return { kind: "invalid", path: "type", reason: "required" };
  if (!isTicketType(type))
    return { kind: "invalid", path: "type", reason: `expected one of ${ticketTypes.join(", ")}` };
  if (typeof at !== "string")
    return {
      kind: "invalid",
      path: "at",
      reason: at === undefined ? "required" : "expected an ISO-8601 time",
    };
  const time = new Date(at);
  if (Number.isNaN(time.getTime()))
    return { kind: "invalid", path: "at", reason: "expected an ISO-8601 time" };
  const number = typeof data.ticketNumber === "string" ? data.ticketNumber : "?";
  // Deterministic per fact: a comment by its id, the rest by ticket and time.
  const part = typeof data.commentId === "string" ? data.commentId : time.toISOString();
  const event = {
    id: ["ticket", number, type, part].join(":").slice(0, 128),
    type,
    version: 1,
    time: time.toISOString(),
    tenant: context.tenant,
    source: context.source,
    data,
  };
  const checked = parseEvent(event);
  if (!checked.ok)
    return { kind: "invalid", path: bodyPath(checked.error.path), reason: checked.error.reason };
  return { kind: "ok", events: [checked.event] };
};
