import type { ApiContext } from "../context";
import type { DemandTermInput } from "../services/demand-taxonomy";
import type { QaVerdictName } from "../services/qa-review";
import type { StaffedReportQuery } from "../services/staffed";

type Args = Record<string, unknown>;
type Resolver = (parent: unknown, args: Args, context: ApiContext) => unknown;

// Thin: each field names the service call that answers it; arguments are typed by the schema.
const s = (args: Args, key: string) => args[key] as string;
const n = (args: Args, key: string) => args[key] as number;
const opt = <T>(args: Args, key: string) => args[key] as T | null | undefined;
/** A time range with a page: what every paged report takes. */
const rangePage = (a: Args) => ({
  from: s(a, "from"),
  to: s(a, "to"),
  first: opt<number>(a, "first"),
  after: opt<string>(a, "after"),
});

export const queryResolvers: Record<string, Resolver> = {
  me: (_p, _a, ctx) => ({ role: ctx.principal.role.toUpperCase(), keyId: ctx.principal.keyId }),
  queues: (_p, _a, ctx) => ctx.services.live.queues(),
  queue: (_p, a, ctx) => ctx.services.live.queue(s(a, "id")),
  agents: (_p, a, ctx) =>
    ctx.services.live.agents({
      first: opt(a, "first"),
      after: opt(a, "after"),
      status: opt(a, "status"),
      team: opt(a, "team"),
      queueId: opt(a, "queueId"),
    }),
  agent: (_p, a, ctx) => ctx.services.live.agent(s(a, "id")),
  liveContacts: (_p, a, ctx) =>
    ctx.services.live.liveContacts({
      first: opt(a, "first"),
      after: opt(a, "after"),
      queueId: opt(a, "queueId"),
      channel: opt(a, "channel"),
    }),
  alerts: (_p, _a, ctx) => ctx.services.live.alerts(),
  monitors: (_p, _a, ctx) => ctx.services.live.monitors(),
  channelReport: (_p, a, ctx) =>
    ctx.services.reports.channelReport({
      from: s(a, "from"),
      to: s(a, "to"),
      interval: s(a, "interval"),
      timeZone: s(a, "timeZone"),
    }),
  serviceLevel: (_p, a, ctx) =>
    ctx.services.reports.serviceLevel({
      queueId: opt(a, "queueId"),
      from: s(a, "from"),
      to: s(a, "to"),
      interval: s(a, "interval"),
      timeZone: s(a, "timeZone"),
      thresholdSeconds: n(a, "thresholdSeconds"),
      grouping: s(a, "grouping"),
    }),
  agentPerformance: (_p, a, ctx) => ctx.services.reports.agentPerformance(rangePage(a)),
  demand: (_p, a, ctx) =>
    ctx.services.reports.demand({ from: s(a, "from"), to: s(a, "to"), kind: opt(a, "kind") }),
  demandShare: (_p, a, ctx) =>
    ctx.services.reports.demandTerms.share({ from: s(a, "from"), to: s(a, "to"), kind: opt(a, "kind") }),
  demandTaxonomy: (_p, _a, ctx) => ctx.services.reports.demandTerms.taxonomy(),
  channelEffectiveness: (_p, a, ctx) =>
    ctx.services.reports.demandTerms.effectiveness({
      from: s(a, "from"),
      to: s(a, "to"),
      minCsatResponses: n(a, "minCsatResponses"),
    }),
  ticket: (_p, a, ctx) => ctx.services.reports.ticket(s(a, "number")),
  ticketSla: (_p, a, ctx) => ctx.services.reports.ticketSla({ from: s(a, "from"), to: s(a, "to") }),
  customer: (_p, a, ctx) => ctx.services.reports.customer({ phone: opt(a, "phone"), id: opt(a, "id") }),
  qaFlags: (_p, a, ctx) => ctx.services.reports.qaFlags(rangePage(a)),
  qaScorecards: (_p, a, ctx) =>
    ctx.services.reports.qa.scorecards({ from: s(a, "from"), to: s(a, "to"), groupBy: s(a, "groupBy") }),
  qaRulePrecision: (_p, a, ctx) =>
    ctx.services.reports.qa.rulePrecision({ from: s(a, "from"), to: s(a, "to") }),
  botAnalytics: (_p, a, ctx) =>
    ctx.services.reports.bot.botAnalytics({
      from: s(a, "from"),
      to: s(a, "to"),
      seniorLevel: opt<number>(a, "seniorLevel"),
    }),
  auditLog: (_p, a, ctx) => ctx.services.reports.auditLog(rangePage(a)),
  qaRules: (_p, _a, ctx) => ctx.services.qaRules.list(),
  staffing: (_p, a, ctx) =>
    ctx.services.reports.staffing({
      calls: n(a, "calls"),
      intervalSeconds: n(a, "intervalSeconds"),
      ahtSeconds: n(a, "ahtSeconds"),
      targetServiceLevel: n(a, "targetServiceLevel"),
      thresholdSeconds: n(a, "thresholdSeconds"),
    }),
};

export const mutationResolvers: Record<string, Resolver> = {
  monitorCall: (_p, a, ctx) =>
    ctx.services.supervisor.monitorCall(ctx.principal, {
      callId: s(a, "callId"),
      mode: s(a, "mode"),
      supervisorEndpoint: s(a, "supervisorEndpoint"),
      notifyAgent: a.notifyAgent === true,
    }),
  changeMonitorMode: (_p, a, ctx) =>
    ctx.services.supervisor.changeMonitorMode(ctx.principal, {
      monitorId: s(a, "monitorId"),
      mode: s(a, "mode"),
    }),
  stopMonitor: (_p, a, ctx) =>
    ctx.services.supervisor.stopMonitor(ctx.principal, { monitorId: s(a, "monitorId") }),
  takeOverCall: (_p, a, ctx) =>
    ctx.services.supervisor.takeOverCall(ctx.principal, {
      callId: s(a, "callId"),
      supervisorEndpoint: s(a, "supervisorEndpoint"),
    }),
  forceHangup: (_p, a, ctx) =>
    ctx.services.supervisor.forceHangup(ctx.principal, { callId: s(a, "callId"), reason: opt(a, "reason") }),
  setAgentState: (_p, a, ctx) =>
    ctx.services.supervisor.setAgentState(ctx.principal, {
      agentId: s(a, "agentId"),
      state: s(a, "state"),
      reasonCode: opt(a, "reasonCode"),
    }),
  saveQaRule: (_p, a, ctx) => ctx.services.qaRules.save(ctx.principal, a.rule as Record<string, unknown>),
  removeQaRule: (_p, a, ctx) => ctx.services.qaRules.remove(ctx.principal, s(a, "id")),
  saveDemandTaxonomy: (_p, a, ctx) =>
    ctx.services.qaRules.saveDemandTaxonomy(ctx.principal, {
      categories: a.categories as DemandTermInput[],
      keywords: a.keywords as DemandTermInput[],
    }),
  reviewQaFlag: (_p, a, ctx) =>
    ctx.services.supervisor.reviewQaFlag(
      ctx.principal,
      { flagId: s(a, "flagId"), verdict: s(a, "verdict") as QaVerdictName, note: opt(a, "note") },
      (flagId) => ctx.services.reports.qa.flagTarget(flagId),
    ),
  acknowledgeAlert: (_p, a, ctx) =>
    ctx.services.supervisor.acknowledgeAlert(ctx.principal, { alertId: s(a, "alertId") }),
};

/** Nested fields that need more than reading a property. */
export const typeResolvers: Record<string, Record<string, Resolver>> = {
  LiveContact: {
    monitors: (parent, _a, ctx) => ctx.services.live.monitorsOnCall((parent as { id: string }).id),
  },
  // Asked for separately from the report's counts: one more warehouse query, run only when selected.
  ServiceLevelReport: {
    staffed: (parent, _a, ctx) =>
      ctx.services.staffed.byInterval((parent as { staffedQuery: StaffedReportQuery }).staffedQuery),
  },
};
