-- One ticket's story, oldest first, for "where is my ticket": every ticket.* event of that number.
-- raw_events is ordered by (tenant, time, id), so the ticket's creation time from the tickets rollup
-- bounds the scan to the granules from then on instead of the whole tenant.
SELECT
    type,
    time,
    data
FROM raw_events
WHERE tenant = {tenant:String}
    AND time >= (
        SELECT ifNull(min(created_at), toDateTime64(0, 3, 'UTC'))
        FROM tickets
        WHERE tenant = {tenant:String} AND ticket_number = {ticket:String}
    )
    AND type LIKE 'ticket.%'
    AND JSONExtractString(data, 'ticketNumber') = {ticket:String}
ORDER BY time, id
LIMIT 1000
