-- The audit log of supervisor actions (listen, whisper, barge, take over, hang up, force state),
-- every attempt including denied ones.
CREATE TABLE IF NOT EXISTS supervisor_actions
(
    tenant LowCardinality(String),
    time DateTime64(3, 'UTC'),
    event_id String,
    action LowCardinality(String),
    actor_id String,
    role LowCardinality(String),
    mode LowCardinality(String),
    outcome LowCardinality(String),
    reason String,
    command_id String,
    contact_id String,
    agent_id String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(time)
-- ORDER BY (tenant, time, event_id): an audit is read as a time range, then filtered by actor or target.
ORDER BY (tenant, time, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS supervisor_actions_from_events TO supervisor_actions AS
SELECT tenant, time, id AS event_id,
    JSONExtractString(data, 'action') AS action,
    JSONExtractString(data, 'actorId') AS actor_id,
    JSONExtractString(data, 'role') AS role,
    JSONExtractString(data, 'mode') AS mode,
    JSONExtractString(data, 'outcome') AS outcome,
    JSONExtractString(data, 'reason') AS reason,
    JSONExtractString(data, 'commandId') AS command_id,
    contact_id, agent_id
FROM raw_events WHERE type = 'supervisor.action';
