-- Service-level counts per queue and interval, from the queue_intervals rollup, grouped by the time
-- each event happened (an answer counts in the interval it was answered in; for core's rule, by the
-- interval the contact was queued in, see service_level_by_queued.sql). Waits are whole-second
-- histograms, so "within {threshold}" and "short abandon <= {short_abandon}" are chosen per call and
-- every service-level variant is derived from these counts (src/reports/service-level.ts).
-- {interval_minutes} is 15 or a multiple of it.
--
-- callback_overlap: contacts that asked for a callback within T and were also connected or abandoned
-- within T. Amazon Connect counts such a contact as one removal; the rollup saw two events, so the
-- overlap is subtracted in the interval of the callback request. Read from queue_stay_events (0024:
-- these events with their fields extracted at insert; callbacks are few, and the time range prunes
-- the scan to its granules).
--
-- "within T" sums each row's histogram buckets <= T and adds the sums up, rather than merging the
-- rows' maps with sumMap first: the same count without building a merged map per group.
WITH callback_overlap AS (
    SELECT queue_id,
        toStartOfInterval(callback_at, toIntervalMinute({interval_minutes:UInt32})) AS interval_start,
        toUInt32(count()) AS overlap
    FROM
    (
        SELECT contact_id, queue_id,
            minIf(time, type = 'contact.callback-requested') AS callback_at,
            minIf(ceil(wait_seconds), type = 'contact.callback-requested') AS callback_wait,
            minIf(ceil(wait_seconds), type != 'contact.callback-requested') AS exit_wait,
            countIf(type != 'contact.callback-requested') AS exits
        FROM queue_stay_events
        WHERE tenant = {tenant:String}
            AND time >= {from:DateTime64(3, 'UTC')}
            AND time < {to:DateTime64(3, 'UTC')} + INTERVAL 1 DAY
            AND type IN ('contact.callback-requested', 'contact.connected', 'contact.abandoned')
            AND contact_id IN (
                SELECT contact_id FROM queue_stay_events
                WHERE tenant = {tenant:String} AND type = 'contact.callback-requested'
                    AND time >= {from:DateTime64(3, 'UTC')} AND time < {to:DateTime64(3, 'UTC')}
            )
        GROUP BY contact_id, queue_id
        HAVING callback_at >= {from:DateTime64(3, 'UTC')} AND callback_at < {to:DateTime64(3, 'UTC')}
            AND callback_wait <= {threshold:UInt16} AND exits > 0 AND exit_wait <= {threshold:UInt16}
    )
    WHERE {queue_id:String} = '' OR queue_id = {queue_id:String}
    GROUP BY queue_id, interval_start
),
counts AS (
    SELECT
        queue_id,
        toStartOfInterval(interval_start, toIntervalMinute({interval_minutes:UInt32})) AS interval_start,
        toUInt32(sum(offered)) AS offered,
        toUInt32(sum(flowed_in)) AS flowed_in,
        toUInt32(sum(flowed_out)) AS flowed_out,
        toUInt32(sum(handled)) AS handled,
        toUInt32(sum(arraySum(mapValues(mapFilter((k, v) -> k <= {threshold:UInt16}, handled_wait_buckets))))) AS handled_within,
        toUInt32(sum(abandoned)) AS abandoned,
        toUInt32(sum(arraySum(mapValues(mapFilter((k, v) -> k <= {threshold:UInt16}, abandon_wait_buckets))))) AS abandoned_within,
        toUInt32(sum(arraySum(mapValues(mapFilter((k, v) -> k <= {short_abandon:UInt16}, abandon_wait_buckets))))) AS short_abandoned,
        toUInt32(sum(callback_requested)) AS callback_requested,
        toUInt32(sum(arraySum(mapValues(mapFilter((k, v) -> k <= {threshold:UInt16}, callback_wait_buckets))))) AS callbacks_within,
        sum(handled_wait_seconds) AS handled_wait_seconds,
        toUInt32(sum(handle_count)) AS handle_count,
        sum(talk_seconds) + sum(hold_seconds) + sum(wrapup_seconds) AS handle_seconds
    FROM queue_intervals
    WHERE tenant = {tenant:String}
        AND ({queue_id:String} = '' OR queue_id = {queue_id:String})
        AND interval_start >= {from:DateTime64(3, 'UTC')}
        AND interval_start < {to:DateTime64(3, 'UTC')}
    GROUP BY queue_id, interval_start
)
SELECT counts.*,
    toUInt32(counts.handled_within + counts.abandoned_within + counts.callbacks_within - callback_overlap.overlap) AS removed_within
FROM counts
LEFT JOIN callback_overlap
    ON counts.queue_id = callback_overlap.queue_id AND counts.interval_start = callback_overlap.interval_start
-- ORDER BY queue_id, interval_start: a wallboard draws each queue's intervals left to right.
ORDER BY queue_id, interval_start
SETTINGS join_use_nulls = 0
