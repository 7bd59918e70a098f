-- Service-level counts per queue and interval with each queue stay counted in the interval it was
-- QUEUED in (core/src/metrics countsByInterval: a busy interval's long waits stay in that interval's
-- service level even when answered in the next one). Exact, not bucketed: waits are compared as the
-- source measured them (waitSeconds of the exit events), like foldCounts.
--
-- A stay is (contact, queue): it starts at the contact's first non-requeue contact.queued in that
-- queue and ends at contact.connected, contact.abandoned or contact.overflowed (fromQueueId); a
-- contact.callback-requested is Amazon Connect's removal. Handle time is the contact.ended of the
-- contact's last queue. Read from raw_events for the stays queued in [from, to), with exits up to a
-- day after `to`: a rollup cannot do this, because an exit event does not carry its queue time.
WITH events AS (
    -- One JSON parse per event (a named tuple), not one per field: the day's events are all read.
    SELECT contact_id, type, time,
        JSONExtract(data, 'Tuple(queueId String, fromQueueId String, entry String, waitSeconds Float64, outcome String, talkSeconds Float64, holdSeconds Float64, wrapupSeconds Float64)') AS d
    FROM raw_events
    WHERE tenant = {tenant:String}
        AND time >= {from:DateTime64(3, 'UTC')}
        AND time < {to:DateTime64(3, 'UTC')} + INTERVAL 1 DAY
        AND type IN ('contact.queued', 'contact.connected', 'contact.abandoned', 'contact.overflowed',
            'contact.callback-requested', 'contact.ended')
),
stays AS (
    SELECT
        contact_id,
        if(type = 'contact.overflowed', d.fromQueueId, d.queueId) AS queue_id,
        minIf(toNullable(time), type = 'contact.queued' AND d.entry != 'requeue') AS queued_at,
        toUInt8(max(type = 'contact.queued' AND d.entry = 'overflow')) AS is_flowed_in,
        toUInt8(max(type = 'contact.overflowed')) AS is_flowed_out,
        toUInt8(max(type = 'contact.connected')) AS is_handled,
        toUInt8(max(type = 'contact.abandoned')) AS is_abandoned,
        minIf(d.waitSeconds, type = 'contact.connected') AS handled_wait,
        minIf(d.waitSeconds, type = 'contact.abandoned') AS abandon_wait,
        minIf(toNullable(d.waitSeconds), type = 'contact.callback-requested') AS callback_wait,
        toUInt8(max(type = 'contact.ended' AND d.outcome = 'handled')) AS is_ended_handled,
        sumIf(d.talkSeconds + d.holdSeconds + d.wrapupSeconds, type = 'contact.ended') AS stay_handle_seconds
    FROM events
    GROUP BY contact_id, queue_id
    HAVING queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
        AND ({queue_id:String} = '' OR queue_id = {queue_id:String})
)
SELECT
    queue_id,
    toStartOfInterval(assumeNotNull(queued_at), toIntervalMinute({interval_minutes:UInt32})) AS interval_start,
    toUInt32(count()) AS offered,
    toUInt32(countIf(is_flowed_in)) AS flowed_in,
    toUInt32(countIf(is_flowed_out)) AS flowed_out,
    toUInt32(countIf(is_handled)) AS handled,
    toUInt32(countIf(is_handled AND handled_wait <= {threshold:UInt16})) AS handled_within,
    toUInt32(countIf(is_abandoned)) AS abandoned,
    toUInt32(countIf(is_abandoned AND abandon_wait <= {threshold:UInt16})) AS abandoned_within,
    toUInt32(countIf(is_abandoned AND abandon_wait <= {short_abandon:UInt16})) AS short_abandoned,
    toUInt32(countIf(callback_wait IS NOT NULL)) AS callback_requested,
    toUInt32(countIf(callback_wait IS NOT NULL AND callback_wait <= {threshold:UInt16})) AS callbacks_within,
    toUInt32(countIf(coalesce(callback_wait, multiIf(is_handled, handled_wait, is_abandoned, abandon_wait, NULL))
        <= {threshold:UInt16})) AS removed_within,
    sumIf(handled_wait, is_handled) AS handled_wait_seconds,
    toUInt32(countIf(is_handled AND is_ended_handled)) AS handle_count,
    sumIf(stay_handle_seconds, is_handled AND is_ended_handled) AS handle_seconds
FROM stays
GROUP BY queue_id, interval_start
-- ORDER BY queue_id, interval_start: a wallboard draws each queue's intervals left to right.
ORDER BY queue_id, interval_start
