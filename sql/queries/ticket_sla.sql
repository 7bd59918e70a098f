-- Ticket SLA per current department for tickets created in [from, to): resolved within the due time,
-- resolved late, open and overdue at {as_of}, open within time, and department hops. One row per
-- ticket is folded from the tickets table first (no FINAL).
SELECT
    department,
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
GROUP BY department
ORDER BY department
