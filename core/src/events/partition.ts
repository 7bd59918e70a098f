import type { StarboardEvent } from "./catalog";

/**
 * Same key, same partition, order kept: per contact, else per agent, else per alert or ticket.
 * The subject rules (subject.ts) make this deterministic per type: agent events never carry a
 * contactId, ticket and alert events carry neither. An alert goes by alertId before any ticket
 * number it mentions, because its alert.cleared names only the alertId.
 */
export function partitionKey(event: StarboardEvent): string {
  if (event.contactId !== undefined) return event.contactId;
  if (event.agentId !== undefined) return event.agentId;
  const data = event.data;
  if ("alertId" in data) return data.alertId;
  if ("ticketNumber" in data && data.ticketNumber !== undefined) return data.ticketNumber;
  // A rule's saves and removal stay in order.
  if (
    "ruleId" in data &&
    typeof data.ruleId === "string" &&
    (event.type === "qa.rule-saved" || event.type === "qa.rule-removed")
  )
    return `qa-rule:${data.ruleId}`;
  return event.id;
}
