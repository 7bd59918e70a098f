import type { Warehouse } from "../src/client";

// History for the query benchmarks, generated inside ClickHouse (numbers(), INSERT SELECT; nothing
// passes through JS). Contact n of `contacts` falls on day first_day + n * days / contacts, channel
// n % 4, queue n % 20; every 7th abandons, waits n % 90 s, every 3rd answers no survey. Rows are
// grouped per `batch` consecutive contacts and per key, as the materialized views write them for one
// sink batch: the tables hold what the sink leaves before background merges, not a pre-merged total.

const channelDays = `INSERT INTO channel_days (tenant, day, channel, offered, handled, handled_wait_seconds,
    abandoned, abandon_wait_buckets, contacts_ended, resolved, handle_count, handle_seconds, csat_responses,
    csat_satisfied, csat_score_sum)
SELECT {tenant:String},
    {first_day:Date} + toUInt32(intDiv(number * {days:UInt64}, {contacts:UInt64})) AS day,
    ['voice', 'webchat', 'email', 'whatsapp'][number % 4 + 1] AS channel,
    count(), countIf(number % 7 != 0), sumIf(toFloat64(number % 90), number % 7 != 0), countIf(number % 7 = 0),
    sumMapIf(map(toUInt16(number % 90), toUInt64(1)), number % 7 = 0),
    count(), countIf(number % 2 = 0), countIf(number % 7 != 0), sumIf(toFloat64(140 + number % 600), number % 7 != 0),
    countIf(number % 3 != 0), countIf(number % 3 != 0 AND number % 5 >= 3), sumIf(1 + number % 5, number % 3 != 0)
FROM numbers({contacts:UInt64})
GROUP BY intDiv(number, {batch:UInt64}), day, channel`;

const queueIntervals = `INSERT INTO queue_intervals (tenant, queue_id, channel, interval_start, offered, handled,
    handled_wait_seconds, handled_wait_buckets, abandoned, abandon_wait_seconds, abandon_wait_buckets, handle_count,
    talk_seconds, hold_seconds, wrapup_seconds)
SELECT {tenant:String}, concat('q-', toString(number % 20)) AS queue_id,
    ['voice', 'webchat', 'email', 'whatsapp'][number % 4 + 1] AS channel,
    toStartOfFifteenMinutes(toDateTime({first_day:Date}, 'UTC')
        + toIntervalSecond(intDiv(number * {days:UInt64} * 86400, {contacts:UInt64}))) AS interval_start,
    count(), countIf(number % 7 != 0), sumIf(toFloat64(number % 90), number % 7 != 0),
    sumMapIf(map(toUInt16(number % 90), toUInt64(1)), number % 7 != 0),
    countIf(number % 7 = 0), sumIf(toFloat64(number % 90), number % 7 = 0),
    sumMapIf(map(toUInt16(number % 90), toUInt64(1)), number % 7 = 0),
    countIf(number % 7 != 0), sumIf(toFloat64(120 + number % 600), number % 7 != 0), 0, sumIf(20.0, number % 7 != 0)
FROM numbers({contacts:UInt64})
GROUP BY intDiv(number, {batch:UInt64}), queue_id, channel, interval_start`;

// Chats (channel 'webchat', n % 4 = 1): the chat_first_response_days rows the fold of
// migrations/0018 writes, one per sink batch, day and channel. The customer's first message is at the
// contact's time and the first agent reply 5-64 s later (a proactive agent message before it on every
// 8th chat and a second reply at 90 s change nothing); the per-chat states the fold also keeps are
// not generated (the report never reads them).
const chatDays = `INSERT INTO chat_first_response_days (tenant, day, channel, responded, response_ms)
SELECT {tenant:String},
    {first_day:Date} + toUInt32(intDiv(number * {days:UInt64}, {contacts:UInt64})) AS day,
    'webchat', toInt64(count()), toInt64(sum((5 + number % 60) * 1000))
FROM numbers({contacts:UInt64}) WHERE number % 4 = 1
GROUP BY intDiv(number, {batch:UInt64}), day`;

export interface HistoryOptions {
  tenant: string;
  /** "2026-10-01" */
  firstDay: string;
  days: number;
  contacts: number;
  batch: number;
}

/** Writes the rollup rows of `contacts` contacts, and the message rows of their chats. */
export async function generateHistory(warehouse: Warehouse, options: HistoryOptions): Promise<void> {
  const params = {
    tenant: options.tenant,
    first_day: options.firstDay,
    days: options.days,
    contacts: options.contacts,
    batch: options.batch,
  };
  await warehouse.command(channelDays, params);
  await warehouse.command(queueIntervals, params);
  await warehouse.command(chatDays, params);
}
