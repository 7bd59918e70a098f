-- Service-level counts per queue and interval with each queue stay counted in the interval it was
-- QUEUED in (core/src/metrics countsByInterval: a busy interval's long waits stay in that interval's
-- service level even when answered in the next one). Exact, not bucketed: waits are compared as the
-- source measured them (waitSeconds of the exit events), like foldCounts.
--
-- A stay is (contact, queue): it starts at the contact's first non-requeue contact.queued in that
-- queue and ends at contact.connected, contact.abandoned or contact.overflowed (its queue_id is the
-- fromQueueId); a contact.callback-requested is Amazon Connect's removal. Handle time is the
-- contact.ended of the contact's last queue. Read from queue_stay_events (0024: these events with
-- their fields extracted at insert) for the stays queued in [from, to), with exits up to a day after
-- `to`: a rollup cannot do this, because an exit event does not carry its queue time.
WITH stays AS (
    SELECT
        contact_id,
        queue_id,
        minIf(toNullable(time), type = 'contact.queued' AND entry != 'requeue') AS queued_at,
        toUInt8(max(type = 'contact.queued' AND entry = 'overflow')) AS is_flowed_in,
        toUInt8(max(type = 'contact.overflowed')) AS is_flowed_out,
        toUInt8(max(type = 'contact.connected')) AS is_handled,
        toUInt8(max(type = 'contact.abandoned')) AS is_abandoned,
        minIf(wait_seconds, type = 'contact.connected') AS handled_wait,
        minIf(wait_seconds, type = 'contact.abandoned') AS abandon_wait,
        minIf(toNullable(wait_seconds), type = 'contact.callback-requested') AS callback_wait,
        toUInt8(max(type = 'contact.ended' AND outcome = 'handled')) AS is_ended_handled,
        sumIf(talk_seconds + hold_seconds + wrapup_seconds, type = 'contact.ended') AS stay_handle_seconds
    FROM queue_stay_events
    WHERE tenant = {tenant:String}
        AND time >= {from:DateTime64(3, 'UTC')}
        AND time < {to:DateTime64(3, 'UTC')} + INTERVAL 1 DAY
        AND ({queue_id:String} = '' OR queue_id = {queue_id:String})
    GROUP BY contact_id, queue_id
    HAVING queued_at >= {from:DateTime64(3, 'UTC')} AND queued_at < {to:DateTime64(3, 'UTC')}
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
