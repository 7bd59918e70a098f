// Run as its own process (chdb opens one data directory per process): prints, as one JSON line,
// every report the warehouse serves over the workload's range.
//
//   tsx report-totals.ts read <dataDir>        the warehouse a `starboard start` child wrote
//   tsx report-totals.ts reference <dataDir>   first feeds the workload through the embedded log
//                                              and the sink, uninterrupted: the true totals

import { openEventLog, publishEvents, Topics } from "@starboard/core";
import {
  agentPerformance,
  channelComparison,
  createWarehouseClient,
  demand,
  migrate,
  serviceLevelByInterval,
  startSink,
  ticketSlaByDepartment,
  type Warehouse,
} from "@starboard/sql";
import { workloadBatches, workloadRange } from "./workload";

async function reports(warehouse: Warehouse) {
  const [raw] = await warehouse.query<{ rows: number; ids: number }>(
    "SELECT toUInt32(count()) AS rows, toUInt32(uniqExact(id)) AS ids FROM raw_events",
  );
  const [contacts] = await warehouse.query<{ contacts: number; ended: number; connected: number }>(
    `SELECT toUInt32(count()) AS contacts, toUInt32(countIf(ended_at IS NOT NULL)) AS ended,
        toUInt32(countIf(connected_at IS NOT NULL)) AS connected
     FROM (SELECT max(ended_at) AS ended_at, min(connected_at) AS connected_at
           FROM contacts GROUP BY tenant, contact_id)`,
  );
  const [disconnects] = await warehouse.query<{ events: number; contacts: number }>(
    "SELECT toUInt32(count()) AS events, toUInt32(uniqExact(contact_id)) AS contacts FROM raw_events WHERE type = 'contact.disconnected'",
  );
  return {
    rawRows: raw?.rows ?? 0,
    rawIds: raw?.ids ?? 0,
    contacts,
    disconnects,
    serviceLevel: await serviceLevelByInterval(warehouse, workloadRange),
    channels: await channelComparison(warehouse, workloadRange),
    agents: await agentPerformance(warehouse, workloadRange),
    demand: await demand(warehouse, workloadRange),
    tickets: await ticketSlaByDepartment(warehouse, { ...workloadRange, asOf: workloadRange.to }),
  };
}

export type ReportTotals = Awaited<ReturnType<typeof reports>>;

async function feedReference(dataDir: string, warehouse: Warehouse): Promise<void> {
  const log = await openEventLog({ dataDir });
  try {
    for (const batch of workloadBatches()) await publishEvents(log, batch);
    const sink = await startSink({ log, warehouse, maxDelayMs: 50 });
    for (;;) {
      const ends = await log.endOffsets(Topics.events);
      const committed = await log.committedOffsets("sql-sink", Topics.events);
      if ([...ends].every(([p, end]) => (committed.get(p) ?? 0) >= end)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await sink.stop();
  } finally {
    await log.close();
  }
}

const [mode, dataDir] = process.argv.slice(2);
if ((mode !== "read" && mode !== "reference") || dataDir === undefined) {
  process.stderr.write("usage: report-totals.ts read|reference <dataDir>\n");
  process.exit(2);
}
const warehouse = await createWarehouseClient({ dataDir, url: "" });
try {
  await migrate(warehouse);
  if (mode === "reference") await feedReference(dataDir, warehouse);
  process.stdout.write(`${JSON.stringify(await reports(warehouse))}\n`);
} finally {
  await warehouse.close();
}
