-- Two corrections to the queue and channel rollups so they agree with core/src/metrics (counts.ts):
--
-- 1. Amazon Connect's "removed from queue" includes a callback request: the rollup keeps callback
--    requests and a whole-second histogram of their waits. A contact that asked for a callback and
--    was later connected or abandoned within T as well is one removal, not two; the report subtracts
--    that overlap (queries/service_level.sql), which single-event views cannot see.
-- 2. Offered (queue and channel rollups) counts every entry that starts a stay in a queue: new,
--    transfer and overflow. A flow-in is still reported on its own (flowed_in, a subset of offered),
--    but the contact's answer or abandon is counted in this queue, so its entry must be too (core
--    counts every stay as offered; otherwise a queue fed by overflow could show more abandons than
--    contacts offered). A requeue stays out: it continues the stay it belongs to.
--
-- The view is replaced by DROP + CREATE; migrations run with the sink stopped (starboard migrate).
ALTER TABLE queue_intervals ADD COLUMN IF NOT EXISTS callback_requested SimpleAggregateFunction(sum, UInt64);

ALTER TABLE queue_intervals ADD COLUMN IF NOT EXISTS
    callback_wait_buckets SimpleAggregateFunction(sumMap, Map(UInt16, UInt64));

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_callback_requested TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'queueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(count()) AS callback_requested,
    sumMap(map(toUInt16(least(ceil(JSONExtractFloat(data, 'waitSeconds')), 3601)), toUInt64(1))) AS callback_wait_buckets
FROM raw_events WHERE type = 'contact.callback-requested'
GROUP BY tenant, queue_id, channel, interval_start;

DROP VIEW IF EXISTS queue_intervals_from_queued;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_queued_v2 TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'queueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(countIf(JSONExtractString(data, 'entry') != 'requeue')) AS offered,
    toUInt64(countIf(JSONExtractString(data, 'entry') = 'overflow')) AS flowed_in
FROM raw_events WHERE type = 'contact.queued'
GROUP BY tenant, queue_id, channel, interval_start;

-- The channel rollup counts entries the same way, so a channel's counts are the sum of its queues'
-- (core's addCounts) and its abandon rate and ASA agree with the queues'.
DROP VIEW IF EXISTS channel_days_from_queued;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_queued_v2 TO channel_days AS
SELECT tenant, toDate(time) AS day, channel, toUInt64(count()) AS offered
FROM raw_events WHERE type = 'contact.queued' AND JSONExtractString(data, 'entry') != 'requeue'
GROUP BY tenant, day, channel;
