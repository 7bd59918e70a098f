-- Agent x day scorecard counts. Occupancy needs the agent's ready time, which is an interval between
-- state changes: the agent-performance query takes it from agent_state_changes.
CREATE TABLE IF NOT EXISTS agent_days
(
    tenant LowCardinality(String),
    day Date,
    agent_id String,
    handled SimpleAggregateFunction(sum, UInt64),
    resolved SimpleAggregateFunction(sum, UInt64),
    talk_seconds SimpleAggregateFunction(sum, Float64),
    hold_seconds SimpleAggregateFunction(sum, Float64),
    wrapup_seconds SimpleAggregateFunction(sum, Float64),
    complaints SimpleAggregateFunction(sum, UInt64),
    csat_responses SimpleAggregateFunction(sum, UInt64),
    csat_satisfied SimpleAggregateFunction(sum, UInt64),
    csat_score_sum SimpleAggregateFunction(sum, UInt64),
    tickets_resolved SimpleAggregateFunction(sum, UInt64),
    qa_flags SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, agent_id): scorecards list all agents of a day range.
ORDER BY (tenant, day, agent_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_days_from_ended TO agent_days AS
SELECT tenant, toDate(time) AS day, agent_id,
    toUInt64(count()) AS handled,
    toUInt64(countIf(JSONExtractBool(data, 'resolved'))) AS resolved,
    sum(JSONExtractFloat(data, 'talkSeconds')) AS talk_seconds,
    sum(JSONExtractFloat(data, 'holdSeconds')) AS hold_seconds,
    sum(JSONExtractFloat(data, 'wrapupSeconds')) AS wrapup_seconds,
    toUInt64(countIf(has(JSONExtract(data, 'categories', 'Array(String)'), 'complaint'))) AS complaints
FROM raw_events
WHERE type = 'contact.ended' AND agent_id != '' AND JSONExtractString(data, 'outcome') = 'handled'
GROUP BY tenant, day, agent_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_days_from_csat TO agent_days AS
SELECT tenant, toDate(time) AS day, agent_id,
    toUInt64(count()) AS csat_responses,
    toUInt64(countIf(JSONExtractUInt(data, 'score') >= 4)) AS csat_satisfied,
    toUInt64(sum(JSONExtractUInt(data, 'score'))) AS csat_score_sum
FROM raw_events WHERE type = 'csat.survey-answered' AND agent_id != ''
GROUP BY tenant, day, agent_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_days_from_ticket_resolved TO agent_days AS
SELECT tenant, toDate(time) AS day, JSONExtractString(data, 'resolvedByAgentId') AS agent_id,
    toUInt64(count()) AS tickets_resolved
FROM raw_events WHERE type = 'ticket.resolved'
GROUP BY tenant, day, agent_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_days_from_qa_flagged TO agent_days AS
SELECT tenant, toDate(time) AS day, agent_id, toUInt64(count()) AS qa_flags
FROM raw_events WHERE type = 'qa.flagged' AND agent_id != ''
GROUP BY tenant, day, agent_id;
