-- Chat first response per channel over whole UTC days [from, to): chats whose customer first wrote
-- in the range and got an agent reply (core/src/metrics firstResponseSeconds: the first agent message
-- at or after the customer's first; bot, system and earlier proactive agent messages are not
-- replies; a chat still waiting is not counted). Each chat is folded when its messages are inserted
-- (migrations/0018): this sums the per-day changes, a few rows per day. Sum and count, so the mean is
-- re-derived over any range (src/reports/channels.ts).
SELECT
    channel,
    toUInt32(sum(responded)) AS responded,
    sum(response_ms) / 1000 AS first_response_seconds
FROM chat_first_response_days
WHERE tenant = {tenant:String}
    AND day >= toDate({from:DateTime64(3, 'UTC')})
    AND day < toDate({to:DateTime64(3, 'UTC')})
GROUP BY channel
HAVING responded > 0
-- ORDER BY channel: merged into the channel comparison rows by name.
ORDER BY channel
