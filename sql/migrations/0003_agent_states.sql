-- Agent state changes (sign-in, ready, not ready with a reason, sign-out). An interval runs from one
-- change to the agent's next; queries pair them with leadInFrame. Busy and wrap-up are not agent
-- states here: they come from the contacts the agent handled (see core/src/events/agent.ts).
CREATE TABLE IF NOT EXISTS agent_state_changes
(
    tenant LowCardinality(String),
    agent_id String,
    started_at DateTime64(3, 'UTC'),
    state LowCardinality(String),
    reason_code LowCardinality(String),
    forced_by String,
    event_id String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(started_at)
-- ORDER BY (tenant, agent_id, started_at): intervals are consecutive rows of one agent.
ORDER BY (tenant, agent_id, started_at, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_state_changes_from_events TO agent_state_changes AS
SELECT tenant, agent_id, time AS started_at,
    multiIf(type = 'agent.signed-in', 'signed-in', type = 'agent.ready', 'ready',
            type = 'agent.not-ready', 'not-ready', 'signed-out') AS state,
    JSONExtractString(data, 'reasonCode') AS reason_code,
    JSONExtractString(data, 'forcedBy') AS forced_by,
    id AS event_id
FROM raw_events
WHERE type IN ('agent.signed-in', 'agent.ready', 'agent.not-ready', 'agent.signed-out');
