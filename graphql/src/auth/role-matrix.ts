import type { Role } from "@starboard/core";

// Who may use each entry point of the API. Every Query, Mutation and Subscription field must be
// listed (a test walks the schema); nested fields inherit their entry point's check, and the few that
// hold personal data are masked for the roles in `maskedFor` rather than refused. The README's
// table is checked against this object by a test, so the two cannot drift apart.

const everyone: readonly Role[] = ["supervisor", "exec", "qa", "bi", "admin"];
const floor: readonly Role[] = ["supervisor", "qa", "admin"];
const reports: readonly Role[] = ["supervisor", "exec", "bi", "admin"];
const supervising: readonly Role[] = ["supervisor", "admin"];

export const roleMatrix: Readonly<Record<string, readonly Role[]>> = {
  "Query.me": everyone,
  "Query.queues": everyone,
  "Query.queue": everyone,
  "Query.agents": [...floor, "bi"],
  "Query.agent": [...floor, "bi"],
  "Query.liveContacts": floor,
  "Query.alerts": floor,
  "Query.monitors": floor,
  "Query.channelReport": reports,
  "Query.serviceLevel": reports,
  "Query.agentPerformance": [...reports, "qa"],
  "Query.demand": reports,
  "Query.demandShare": reports,
  "Query.channelEffectiveness": reports,
  "Query.demandTaxonomy": [...reports, "qa"],
  "Query.ticket": [...floor, "bi"],
  "Query.ticketSla": reports,
  "Query.customer": ["supervisor", "qa", "admin", "exec", "bi"],
  "Query.qaFlags": ["qa", "supervisor", "admin", "bi"],
  "Query.auditLog": ["qa", "supervisor", "admin"],
  "Query.staffing": reports,
  "Query.qaRules": ["qa", "supervisor", "admin"],
  // Agent and team ids with counts, no customer data: readable wherever agentPerformance is.
  "Query.qaScorecards": everyone,
  "Query.qaRulePrecision": everyone,
  // Counts and rates, no customer data.
  "Query.botAnalytics": everyone,
  "Mutation.monitorCall": ["qa", "supervisor", "admin"],
  "Mutation.changeMonitorMode": ["qa", "supervisor", "admin"],
  "Mutation.stopMonitor": ["qa", "supervisor", "admin"],
  "Mutation.takeOverCall": supervising,
  "Mutation.forceHangup": supervising,
  "Mutation.setAgentState": supervising,
  "Mutation.acknowledgeAlert": supervising,
  "Mutation.saveQaRule": ["qa", "admin"],
  "Mutation.removeQaRule": ["qa", "admin"],
  "Mutation.reviewQaFlag": ["qa", "supervisor", "admin"],
  "Mutation.saveDemandTaxonomy": ["qa", "admin"],
  "Subscription.queueStats": everyone,
  "Subscription.agentStates": [...floor, "bi"],
  "Subscription.liveContacts": floor,
  "Subscription.alerts": floor,
  "Subscription.contactWait": everyone,
};

/** Personal data: shown masked (e.g. +86 138****8000) to these roles. */
export const maskedFor: readonly Role[] = ["exec", "bi"];

export const maskedFields: readonly string[] = [
  "Customer.phone",
  "Customer.name",
  "LiveContact.customerAddress",
  "QaFlag.matchedText",
  "AlertParams.matchedText",
];

export function allows(entryPoint: string, role: Role): boolean {
  return roleMatrix[entryPoint]?.includes(role) ?? false;
}

/** Keeps the shape readable (country code, last digits), hides what identifies a person. */
export function mask(value: string): string {
  if (value.length <= 4) return "*".repeat(value.length);
  const digits = /^\+?[\d\s-]+$/.test(value);
  if (digits) return `${value.slice(0, Math.min(4, value.length - 4))}****${value.slice(-4)}`;
  return `${value.slice(0, 1)}${"*".repeat(Math.min(8, value.length - 1))}`;
}
