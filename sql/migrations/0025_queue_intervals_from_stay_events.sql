-- The queue_intervals rollup fed from queue_stay_events (0024) instead of raw_events: the queue
-- events' JSON was parsed twice per insert, by 0020's view (one JSONExtract* call per field, up to
-- six per event) and by 0024's (one tuple per event). Now once, by 0024's view; this one reads the
-- extracted columns of the rows that view wrote in the same INSERT. The sink's deduplication token
-- covers the chain as it covers raw_event_input -> raw_events (see src/sink/README.md).
--
-- Same rows and values as 0020's view (checked by test/view-merge.test.ts against the views of
-- 0001-0019 on the test days): queue_stay_events holds the same six types, and the rows it leaves out
-- (no queue) are the ones 0020 left out too: a connect or an end without a queueId. Every other type
-- requires a non-empty queue in the event schema. The waits are the same numbers (the tuple's Float64
-- against JSONExtractFloat), and each wait is read only on the rows of the type that counts it.
-- The view is replaced by DROP + CREATE; migrations run with the sink stopped (starboard migrate).
DROP VIEW IF EXISTS queue_intervals_from_events;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_stay_events TO queue_intervals AS
WITH map(toUInt16(least(ceil(wait_seconds), 3601)), toUInt64(1)) AS wait_bucket
SELECT tenant, queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(countIf(type = 'contact.queued' AND entry != 'requeue')) AS offered,
    toUInt64(countIf(type = 'contact.queued' AND entry = 'overflow')) AS flowed_in,
    toUInt64(countIf(type = 'contact.overflowed')) AS flowed_out,
    toUInt64(countIf(type = 'contact.connected')) AS handled,
    sum(if(type = 'contact.connected', wait_seconds, 0)) AS handled_wait_seconds,
    sumMapIf(wait_bucket, type = 'contact.connected') AS handled_wait_buckets,
    toUInt64(countIf(type = 'contact.abandoned')) AS abandoned,
    sum(if(type = 'contact.abandoned', wait_seconds, 0)) AS abandon_wait_seconds,
    sumMapIf(wait_bucket, type = 'contact.abandoned') AS abandon_wait_buckets,
    toUInt64(countIf(type = 'contact.ended')) AS handle_count,
    sum(if(type = 'contact.ended', talk_seconds, 0)) AS talk_seconds,
    sum(if(type = 'contact.ended', hold_seconds, 0)) AS hold_seconds,
    sum(if(type = 'contact.ended', wrapup_seconds, 0)) AS wrapup_seconds,
    toUInt64(countIf(type = 'contact.callback-requested')) AS callback_requested,
    sumMapIf(wait_bucket, type = 'contact.callback-requested') AS callback_wait_buckets
FROM queue_stay_events
WHERE type != 'contact.ended' OR outcome = 'handled'
GROUP BY tenant, queue_id, channel, interval_start;
