-- Every contact of one customer (by customer id or address, e.g. the caller's number) on every
-- channel, newest first, each folded to its final state from the contacts table.
SELECT
    contact_id,
    max(channel) AS channel,
    min(started_at) AS started_at,
    max(ended_at) AS ended_at,
    max(queue_id) AS queue_id,
    max(agent_id) AS agent_id,
    max(outcome) AS outcome,
    toUInt8(max(resolved)) AS resolved,
    max(csat_score) AS csat_score,
    groupUniqArrayArray(categories) AS categories
FROM contacts
WHERE tenant = {tenant:String}
    AND contact_id IN (
        SELECT contact_id FROM customer_contacts
        WHERE tenant = {tenant:String} AND (customer_id = {customer:String} OR address = {customer:String})
    )
GROUP BY contact_id
ORDER BY started_at DESC, contact_id
LIMIT {limit:UInt32}
