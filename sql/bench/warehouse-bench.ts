import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type InProcessEventLog, publishEvents, standardTopics, Topics } from "@starboard/core";
import { type BenchProgress, type BenchRow, row } from "@starboard/core/bench";
import { createWarehouseClient, type InsertFormat, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";
import { channelComparison, chatFirstResponse } from "../src/reports/channels";
import { rangeParams } from "../src/reports/named-query";
import { serviceLevelByInterval } from "../src/reports/service-level";
import { benchDay } from "./events";
import { generateHistory } from "./history";
import {
  compactBatches,
  engineBatches,
  openLog,
  type RawBatch,
  rawLines,
  timeRawInsert,
  timeSink,
  truncateAll,
} from "./insert";

export interface WarehouseBenchOptions {
  progress: BenchProgress;
  /** Events through the sink and the raw insert (default 200,000). */
  events?: number;
  /** Contacts of generated history for the query rows (default 10,000,000). */
  contacts?: number;
}

const day = { from: new Date(Date.UTC(2026, 10, 30)), to: new Date(Date.UTC(2026, 11, 1)) };
const month = { from: new Date(Date.UTC(2026, 9, 1)), to: new Date(Date.UTC(2026, 9, 31)), tenant: "bench" };

/** Median wall time of `runs` calls after one warm-up, in ms. */
async function medianMs(fn: () => Promise<unknown>, runs = 7): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(runs / 2)] ?? 0) * 100) / 100;
}

interface RawRun {
  format: InsertFormat;
  batch: number;
  perSecond: number;
}

/**
 * The raw-insert floor: JSONCompactEachRow at two batch sizes and Native (the fastest measured, see
 * insert-formats.ts) at the larger; the payloads are garbage once it returns (not held during the sink run).
 */
async function rawReference(
  warehouse: Warehouse,
  log: InProcessEventLog,
  count: number,
  dir: string,
  progress: BenchProgress,
): Promise<RawRun[]> {
  const lines = await rawLines(log, Topics.events, count);
  const runs: { format: InsertFormat; batch: number; batches: () => Promise<RawBatch[]> }[] = [
    { format: "JSONCompactEachRow", batch: 20_000, batches: async () => compactBatches(lines, 20_000) },
    { format: "JSONCompactEachRow", batch: 100_000, batches: async () => compactBatches(lines, 100_000) },
    {
      format: "Native",
      batch: 100_000,
      batches: async () =>
        (await engineBatches(warehouse, lines, 100_000, dir)).map((b) => ({
          ...b,
          format: "Native" as const,
        })),
    },
  ];
  const raws: RawRun[] = [];
  for (const { format, batch, batches } of runs) {
    const payloads = await batches();
    progress(`warehouse: raw insert of the same rows, ${format}, ${batch}-row batches`);
    raws.push({ format, batch, perSecond: await timeRawInsert(warehouse, payloads) });
    await truncateAll(warehouse);
  }
  return raws;
}

export async function warehouseBenchmarks(options: WarehouseBenchOptions): Promise<BenchRow[]> {
  const count = options.events ?? 200_000;
  const contacts = options.contacts ?? 10_000_000;
  const { progress } = options;
  const dir = mkdtempSync(join(tmpdir(), "starboard-bench-warehouse-"));
  let warehouse: Warehouse | undefined;
  let log: InProcessEventLog | undefined;
  try {
    warehouse = await createWarehouseClient({ dataDir: dir, url: "", database: "bench" });
    await migrate(warehouse);
    progress(`warehouse: ${count} events of a simulated day onto an in-process log`);
    log = await openLog(join(dir, "log"));
    await log.ensureTopics(standardTopics(8));
    await publishEvents(log, benchDay(count));
    const raws = await rawReference(warehouse, log, count, dir, progress);
    const raw = raws.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    progress(`warehouse: the sink, ${raw.batch}-row batches, from the log into the same tables`);
    const sink = await timeSink(log, warehouse, count, raw.batch);
    const rows: BenchRow[] = [
      row({
        area: "warehouse",
        name: `sink: events/s into raw_events + every view (${count} events)`,
        value: Math.round(sink),
        unit: "events/s",
        reference: `fastest raw insert of the same rows (${raw.format}, ${raw.batch}-row batches)`,
        referenceValue: Math.round(raw.perSecond),
        target: ">= 0.80 x raw and >= 100000 events/s",
      }),
    ];
    progress(
      `warehouse: generating ${contacts.toLocaleString("en-US")} contacts of history in SQL (numbers())`,
    );
    await generateHistory(warehouse, {
      tenant: "bench",
      firstDay: "2026-10-01",
      days: 30,
      contacts,
      batch: 5_000,
    });
    const wh = warehouse;
    progress("warehouse: channel comparison over the generated month, then chat first response");
    const channels = await medianMs(() => channelComparison(wh, month));
    const chats = await medianMs(() => chatFirstResponse(wh, month), 3);
    const chatCount = await medianMs(() => wh.query("SELECT count() FROM chat_first_response_days"));
    const channelCount = await medianMs(() => wh.query("SELECT count() FROM channel_days"));
    rows.push(
      row(
        {
          area: "warehouse",
          name: `channel comparison, ${contacts.toLocaleString("en-US")} contacts over 30 days`,
          value: channels,
          unit: "ms",
          reference: "plain count() over channel_days",
          referenceValue: channelCount,
          target: "< 500 ms",
        },
        true,
      ),
    );
    rows.push(
      row(
        {
          area: "warehouse",
          name: `chat first response, ${(contacts / 4).toLocaleString("en-US")} chats folded at insert into chat_first_response_days`,
          value: chats,
          unit: "ms",
          reference: "plain count() over chat_first_response_days",
          referenceValue: chatCount,
          target: "< 500 ms (as part of the channel report)",
        },
        true,
      ),
    );
    progress("warehouse: service level by interval for one day, all queues");
    const byEvent = await medianMs(() => serviceLevelByInterval(wh, { ...day, groupBy: "event" }));
    const byEventRef = await medianMs(() =>
      wh.query(
        "SELECT count() FROM queue_intervals WHERE interval_start >= {from:DateTime64(3, 'UTC')} AND interval_start < {to:DateTime64(3, 'UTC')}",
        rangeParams(day),
      ),
    );
    const byQueued = await medianMs(() => serviceLevelByInterval(wh, day));
    const byQueuedRef = await medianMs(() =>
      wh.query(
        "SELECT count() FROM queue_stay_events WHERE time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}",
        rangeParams(day),
      ),
    );
    rows.push(
      row(
        {
          area: "warehouse",
          name: "service level by 15-min interval, one day, by event time (rollup)",
          value: byEvent,
          unit: "ms",
          reference: "count() over the day's queue_intervals",
          referenceValue: byEventRef,
          target: "< 100 ms",
        },
        true,
      ),
      row(
        {
          area: "warehouse",
          name: `service level by 15-min interval, one day, by queued interval (queue events of ${count})`,
          value: byQueued,
          unit: "ms",
          reference: "count() over the day's queue_stay_events",
          referenceValue: byQueuedRef,
          target: "< 100 ms",
        },
        true,
      ),
    );
    return rows;
  } finally {
    await log?.close();
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
