-- Service-level counts per queue and interval, from the queue_intervals rollup. Waits are whole-second
-- histograms, so "within {threshold}" and "short abandon <= {short_abandon}" are chosen per call and
-- every service-level variant is derived from these counts (src/reports/service-level.ts).
-- Grouped by the time each event happened; {interval_minutes} is 15 or a multiple of it.
SELECT
    queue_id,
    toStartOfInterval(interval_start, toIntervalMinute({interval_minutes:UInt32})) AS interval_start,
    toUInt32(sum(offered)) AS offered,
    toUInt32(sum(flowed_in)) AS flowed_in,
    toUInt32(sum(flowed_out)) AS flowed_out,
    toUInt32(sum(handled)) AS handled,
    toUInt32(arraySum(mapValues(mapFilter((k, v) -> k <= {threshold:UInt16}, sumMap(handled_wait_buckets))))) AS handled_within,
    toUInt32(sum(abandoned)) AS abandoned,
    toUInt32(arraySum(mapValues(mapFilter((k, v) -> k <= {threshold:UInt16}, sumMap(abandon_wait_buckets))))) AS abandoned_within,
    toUInt32(arraySum(mapValues(mapFilter((k, v) -> k <= {short_abandon:UInt16}, sumMap(abandon_wait_buckets))))) AS short_abandoned,
    sum(handled_wait_seconds) AS handled_wait_seconds,
    toUInt32(sum(handle_count)) AS handle_count,
    sum(talk_seconds) + sum(hold_seconds) + sum(wrapup_seconds) AS handle_seconds
FROM queue_intervals
WHERE tenant = {tenant:String}
    AND ({queue_id:String} = '' OR queue_id = {queue_id:String})
    AND interval_start >= {from:DateTime64(3, 'UTC')}
    AND interval_start < {to:DateTime64(3, 'UTC')}
GROUP BY queue_id, interval_start
ORDER BY queue_id, interval_start
