-- Ticket flow per department and day: opened, moved in, moved out, resolved, and resolutions within
-- the SLA. A ticket.resolved event does not name the department or the due time, so resolutions are
-- counted by the report from the folded tickets table (one row per ticket); this rollup carries the
-- flow counts an MV can see from single events.
CREATE TABLE IF NOT EXISTS ticket_department_days
(
    tenant LowCardinality(String),
    day Date,
    department String,
    opened SimpleAggregateFunction(sum, UInt64),
    moved_in SimpleAggregateFunction(sum, UInt64),
    moved_out SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, department): the SLA report reads all departments of a day range.
ORDER BY (tenant, day, department)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_department_days_from_created TO ticket_department_days AS
SELECT tenant, toDate(time) AS day, JSONExtractString(data, 'department') AS department, toUInt64(count()) AS opened
FROM raw_events WHERE type = 'ticket.created'
GROUP BY tenant, day, department;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_department_days_from_moved_in TO ticket_department_days AS
SELECT tenant, toDate(time) AS day, JSONExtractString(data, 'toDepartment') AS department, toUInt64(count()) AS moved_in
FROM raw_events WHERE type = 'ticket.moved'
GROUP BY tenant, day, department;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_department_days_from_moved_out TO ticket_department_days AS
SELECT tenant, toDate(time) AS day, JSONExtractString(data, 'fromDepartment') AS department,
    toUInt64(count()) AS moved_out
FROM raw_events WHERE type = 'ticket.moved'
GROUP BY tenant, day, department;
