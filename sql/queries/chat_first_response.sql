-- Chat first response per channel over whole UTC days [from, to): for each contact whose customer
-- wrote first in the range, the first agent message at or after that (core/src/metrics
-- firstResponseSeconds: bot, system and earlier proactive agent messages are not replies); contacts
-- with no agent reply yet are not counted (still waiting is not a response time of 0). A contact's
-- replies may fall on the next day, so one day past `to` is read. Sum and count, so the mean is
-- re-derived over any range (src/reports/channels.ts).
SELECT
    channel,
    toUInt32(count()) AS responded,
    sum(seconds) AS first_response_seconds
FROM
(
    SELECT
        contact_id,
        max(channel) AS channel,
        min(first_customer_message_at) AS first_customer,
        arrayFilter(t -> t >= first_customer, groupUniqArrayArray(agent_message_times)) AS replies,
        dateDiff('millisecond', assumeNotNull(first_customer), arrayMin(replies)) / 1000 AS seconds
    FROM chat_message_days
    WHERE tenant = {tenant:String}
        AND day >= toDate({from:DateTime64(3, 'UTC')})
        AND day <= toDate({to:DateTime64(3, 'UTC')})
    GROUP BY contact_id
    HAVING toDate(first_customer) >= toDate({from:DateTime64(3, 'UTC')})
        AND toDate(first_customer) < toDate({to:DateTime64(3, 'UTC')})
        AND length(replies) > 0
)
GROUP BY channel
-- ORDER BY channel: merged into the channel comparison rows by name.
ORDER BY channel
