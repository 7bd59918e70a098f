-- Ticket SLA per current department and UTC day the ticket was created, for tickets created in
-- [from, to): the same counts as ticket_sla.sql, judged at {as_of}. Query-time over the folded tickets
-- table: a ticket.resolved event names neither the department nor the due time, so no view can count
-- "resolved within SLA" per department from single events (a ticket.resolved v2 carrying both would
-- allow a rollup).
SELECT
    department,
    toDate(created_at) AS day,
    toUInt32(count()) AS tickets,
    toUInt32(countIf(resolved_at IS NOT NULL AND resolved_at <= due_at)) AS resolved_within_sla,
    toUInt32(countIf(resolved_at IS NOT NULL AND resolved_at > due_at)) AS resolved_late,
    toUInt32(countIf(resolved_at IS NULL AND due_at < {as_of:DateTime64(3, 'UTC')})) AS open_overdue,
    toUInt32(countIf(resolved_at IS NULL AND due_at >= {as_of:DateTime64(3, 'UTC')})) AS open_within_sla,
    toUInt32(sum(department_hops)) AS department_hops
FROM
(
    SELECT ticket_number,
        argMaxMerge(department) AS department,
        argMaxMerge(due_at) AS due_at,
        min(created_at) AS created_at,
        max(resolved_at) AS resolved_at,
        sum(department_hops) AS department_hops
    FROM tickets
    WHERE tenant = {tenant:String}
    GROUP BY ticket_number
)
WHERE created_at >= {from:DateTime64(3, 'UTC')} AND created_at < {to:DateTime64(3, 'UTC')}
GROUP BY department, day
-- ORDER BY department, day: each department's days in order, for a per-department trend line.
ORDER BY department, day
