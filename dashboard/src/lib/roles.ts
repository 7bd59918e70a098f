// Which role may use which API entry point: the dashboard hides what the API would refuse. It mirrors
// graphql/src/auth/role-matrix.ts; an end-to-end test compares the two so they cannot drift apart.

export type Role = "supervisor" | "exec" | "qa" | "bi" | "admin";

const everyone: readonly Role[] = ["supervisor", "exec", "qa", "bi", "admin"];
const floor: readonly Role[] = ["supervisor", "qa", "admin"];
const reports: readonly Role[] = ["supervisor", "exec", "bi", "admin"];
const supervising: readonly Role[] = ["supervisor", "admin"];
const monitoring: readonly Role[] = ["qa", "supervisor", "admin"];

export const uiRoleMatrix = {
  "Query.me": everyone,
  "Query.queues": everyone,
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
  "Query.auditLog": monitoring,
  "Query.staffing": reports,
  "Query.qaScorecards": everyone,
  "Query.qaRulePrecision": everyone,
  "Query.botAnalytics": everyone,
  "Mutation.monitorCall": monitoring,
  "Mutation.changeMonitorMode": monitoring,
  "Mutation.stopMonitor": monitoring,
  "Mutation.takeOverCall": supervising,
  "Mutation.forceHangup": supervising,
  "Mutation.setAgentState": supervising,
  "Mutation.acknowledgeAlert": supervising,
  "Mutation.reviewQaFlag": monitoring,
  "Mutation.saveDemandTaxonomy": ["qa", "admin"],
  "Subscription.queueStats": everyone,
  "Subscription.agentStates": [...floor, "bi"],
  "Subscription.liveContacts": floor,
  "Subscription.alerts": floor,
} satisfies Record<string, readonly Role[]>;

export type EntryPoint = keyof typeof uiRoleMatrix;

export function can(role: Role | undefined, entry: EntryPoint): boolean {
  return role !== undefined && (uiRoleMatrix[entry] as readonly Role[]).includes(role);
}

export function roleFromApi(value: string): Role | undefined {
  const lower = value.toLowerCase();
  return lower === "supervisor" || lower === "exec" || lower === "qa" || lower === "bi" || lower === "admin"
    ? lower
    : undefined;
}
