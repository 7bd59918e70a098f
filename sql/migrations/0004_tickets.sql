-- One row per ticket, folded from its events like contacts (partial rows, no FINAL). The current
-- department and due time are the latest ones, so they are argMax states merged at query time.
CREATE TABLE IF NOT EXISTS tickets
(
    tenant LowCardinality(String),
    ticket_number String,
    subject SimpleAggregateFunction(max, String),
    priority SimpleAggregateFunction(max, LowCardinality(String)),
    customer_id SimpleAggregateFunction(max, String),
    customer_phone SimpleAggregateFunction(max, String),
    from_contact_id SimpleAggregateFunction(max, String),
    created_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    department AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    due_at AggregateFunction(argMax, DateTime64(3, 'UTC'), DateTime64(3, 'UTC')),
    departments SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    department_hops SimpleAggregateFunction(sum, UInt64),
    assignee_agent_id AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    resolved_at SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
    resolved_by SimpleAggregateFunction(max, String),
    closed_at SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
    close_reason SimpleAggregateFunction(max, LowCardinality(String)),
    reopens SimpleAggregateFunction(sum, UInt64),
    categories SimpleAggregateFunction(groupUniqArrayArray, Array(String))
)
ENGINE = AggregatingMergeTree
-- ORDER BY (tenant, ticket_number): the merge key every ticket event knows; ticket lookups are by number.
ORDER BY (tenant, ticket_number)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_created TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    JSONExtractString(data, 'subject') AS subject,
    JSONExtractString(data, 'priority') AS priority,
    JSONExtractString(data, 'customer', 'customerId') AS customer_id,
    JSONExtractString(data, 'customer', 'phone') AS customer_phone,
    JSONExtractString(data, 'fromContactId') AS from_contact_id,
    toNullable(time) AS created_at,
    argMaxState(JSONExtractString(data, 'department'), time) AS department,
    argMaxState(parseDateTime64BestEffortOrZero(JSONExtractString(data, 'dueAt'), 3, 'UTC'), time) AS due_at,
    [JSONExtractString(data, 'department')] AS departments,
    JSONExtract(data, 'categories', 'Array(String)') AS categories
FROM raw_events WHERE type = 'ticket.created'
GROUP BY tenant, ticket_number, subject, priority, customer_id, customer_phone, from_contact_id, created_at,
    departments, categories;

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_moved TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    argMaxState(JSONExtractString(data, 'toDepartment'), time) AS department,
    argMaxStateIf(parseDateTime64BestEffortOrZero(JSONExtractString(data, 'dueAt'), 3, 'UTC'), time,
        JSONHas(data, 'dueAt')) AS due_at,
    groupUniqArray(JSONExtractString(data, 'toDepartment')) AS departments,
    toUInt64(count()) AS department_hops
FROM raw_events WHERE type = 'ticket.moved'
GROUP BY tenant, ticket_number;

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_assigned TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    argMaxState(JSONExtractString(data, 'assigneeAgentId'), time) AS assignee_agent_id
FROM raw_events WHERE type = 'ticket.assigned'
GROUP BY tenant, ticket_number;

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_resolved TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    toNullable(time) AS resolved_at, JSONExtractString(data, 'resolvedByAgentId') AS resolved_by
FROM raw_events WHERE type = 'ticket.resolved';

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_reopened TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    argMaxState(parseDateTime64BestEffortOrZero(JSONExtractString(data, 'dueAt'), 3, 'UTC'), time) AS due_at,
    toUInt64(count()) AS reopens
FROM raw_events WHERE type = 'ticket.reopened'
GROUP BY tenant, ticket_number;

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_closed TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    toNullable(time) AS closed_at, JSONExtractString(data, 'reason') AS close_reason
FROM raw_events WHERE type = 'ticket.closed';
