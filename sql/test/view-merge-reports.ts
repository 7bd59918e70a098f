import type { Warehouse } from "../src/client";
import {
  agentPerformance,
  channelComparison,
  channelEffectiveness,
  customerHistory,
  demand,
  demandShare,
  qaScorecards,
  selfServiceReport,
  serviceLevelByInterval,
  ticketProgress,
  ticketSlaByDepartment,
  ticketSlaByDepartmentDay,
} from "../src/reports/index";

// Every report that reads a table 0020 feeds differently (queue_intervals, channel_days, agent_days,
// demand_days, contact_terms, self_service_sessions, tickets), for each tenant of the test days over
// their whole span, run against whichever database the session uses.

const range = { from: new Date(Date.UTC(2026, 10, 29)), to: new Date(Date.UTC(2026, 11, 4)) };
const asOf = new Date(Date.UTC(2026, 11, 1, 12));

/** Ids every report is asked about, from raw_events (which 0020 does not touch). */
async function subjects(warehouse: Warehouse, tenant: string) {
  const customers = await warehouse.query<{ id: string }>(
    "SELECT DISTINCT arrayJoin([JSONExtractString(data, 'customerId'), JSONExtractString(data, 'customer', 'customerId'), " +
      "JSONExtractString(data, 'customer', 'phone'), JSONExtractString(data, 'from')]) AS id FROM raw_events " +
      "WHERE tenant = {tenant:String} AND type IN ('contact.created', 'ticket.created') AND id != '' ORDER BY id",
    { tenant },
  );
  const tickets = await warehouse.query<{ id: string }>(
    "SELECT DISTINCT JSONExtractString(data, 'ticketNumber') AS id FROM raw_events " +
      "WHERE tenant = {tenant:String} AND type LIKE 'ticket.%' ORDER BY id",
    { tenant },
  );
  return { customers: customers.map((c) => c.id), tickets: tickets.map((t) => t.id) };
}

async function tenantReports(warehouse: Warehouse, tenant: string) {
  const query = { ...range, tenant };
  const { customers, tickets } = await subjects(warehouse, tenant);
  return {
    serviceLevelByEvent: await serviceLevelByInterval(warehouse, { ...query, groupBy: "event" }),
    serviceLevelHourly: await serviceLevelByInterval(warehouse, {
      ...query,
      groupBy: "event",
      intervalMinutes: 60,
      thresholdSeconds: 60,
      shortAbandonSeconds: 10,
    }),
    serviceLevelByQueued: await serviceLevelByInterval(warehouse, query),
    channels: await channelComparison(warehouse, { ...query, firstResponse: true }),
    channelEffectiveness: await channelEffectiveness(warehouse, query),
    agents: await agentPerformance(warehouse, query),
    demand: await demand(warehouse, query),
    demandShare: await demandShare(warehouse, query),
    demandShareKeywords: await demandShare(warehouse, { ...query, kind: "keyword" }),
    ticketSla: await ticketSlaByDepartment(warehouse, { ...query, asOf }),
    ticketSlaDays: await ticketSlaByDepartmentDay(warehouse, { ...query, asOf }),
    selfService: await selfServiceReport(warehouse, query),
    qaByAgent: await qaScorecards(warehouse, { ...query, groupBy: "agent" }),
    qaByTeam: await qaScorecards(warehouse, { ...query, groupBy: "team" }),
    customers: await Promise.all(
      customers.map((customer) => customerHistory(warehouse, { customer, tenant })),
    ),
    tickets: await Promise.all(
      tickets.map((ticketNumber) => ticketProgress(warehouse, { ticketNumber, tenant })),
    ),
  };
}

export async function everyReport(warehouse: Warehouse) {
  return {
    default: await tenantReports(warehouse, "default"),
    other: await tenantReports(warehouse, "tenant-cov"),
  };
}
