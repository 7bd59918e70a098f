-- Every ticket of one customer (by customer id or phone), newest first, folded to its current state.
SELECT
    ticket_number,
    max(subject) AS subject,
    max(priority) AS priority,
    argMaxMerge(department) AS department,
    argMaxMerge(due_at) AS due_at,
    min(created_at) AS created_at,
    max(resolved_at) AS resolved_at,
    max(closed_at) AS closed_at
FROM tickets
WHERE tenant = {tenant:String}
GROUP BY ticket_number
HAVING max(customer_id) = {customer:String} OR max(customer_phone) = {customer:String}
ORDER BY created_at DESC, ticket_number
LIMIT {limit:UInt32}
