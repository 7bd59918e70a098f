-- Channels side by side over whole UTC days [from, to): volume, handled, abandons, ASA, handle time,
-- resolution and CSAT counts from the channel_days rollup (ratios in src/reports/channels.ts).
SELECT
    channel,
    toUInt32(sum(offered)) AS offered,
    toUInt32(sum(handled)) AS handled,
    sum(handled_wait_seconds) AS handled_wait_seconds,
    toUInt32(sum(abandoned)) AS abandoned,
    toUInt32(arraySum(mapValues(mapFilter((k, v) -> k <= {short_abandon:UInt16}, sumMap(abandon_wait_buckets))))) AS short_abandoned,
    toUInt32(sum(contacts_ended)) AS contacts_ended,
    toUInt32(sum(resolved)) AS resolved,
    toUInt32(sum(handle_count)) AS handle_count,
    sum(handle_seconds) AS handle_seconds,
    toUInt32(sum(csat_responses)) AS csat_responses,
    toUInt32(sum(csat_satisfied)) AS csat_satisfied,
    toUInt32(sum(csat_score_sum)) AS csat_score_sum
FROM channel_days
WHERE tenant = {tenant:String}
    AND day >= toDate({from:DateTime64(3, 'UTC')})
    AND day < toDate({to:DateTime64(3, 'UTC')})
GROUP BY channel
ORDER BY channel
