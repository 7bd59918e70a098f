-- Bot and IVR self-service: one row per contact's self-service outcome, for containment, hand-off
-- and after-hand-off reports. A bot turn ends in bot.resolved (contained) or bot.handoff (to a
-- person, with a reason); an IVR visit in contact.ivr-exited (self-service = contained, queue or
-- transfer = handed off with the exit as its reason, hangup or timeout = the customer gave up there).
-- What happened after a hand-off (wait, outcome, survey, agent) is read from `contacts` by id.
CREATE TABLE IF NOT EXISTS self_service_sessions
(
    tenant LowCardinality(String),
    ended_at DateTime64(3, 'UTC'),
    contact_id String,
    channel LowCardinality(String),
    kind LowCardinality(String),
    bot_id String,
    result LowCardinality(String),
    reason LowCardinality(String),
    intent String,
    to_queue_id String,
    turns UInt32,
    seconds Float64,
    event_id String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ended_at)
-- ORDER BY (tenant, ended_at, contact_id, event_id): reports read a time range; event_id last makes
-- a redelivered event one row after merges (queries also count distinct contacts, so before too).
ORDER BY (tenant, ended_at, contact_id, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS self_service_from_bot_resolved TO self_service_sessions AS
SELECT tenant, time AS ended_at, contact_id, channel, 'bot' AS kind,
    JSONExtractString(data, 'botId') AS bot_id, 'contained' AS result, '' AS reason,
    JSONExtractString(data, 'intent') AS intent, '' AS to_queue_id,
    toUInt32(JSONExtractUInt(data, 'botTurns')) AS turns, JSONExtractFloat(data, 'botSeconds') AS seconds,
    id AS event_id
FROM raw_events WHERE type = 'bot.resolved';

CREATE MATERIALIZED VIEW IF NOT EXISTS self_service_from_bot_handoff TO self_service_sessions AS
SELECT tenant, time AS ended_at, contact_id, channel, 'bot' AS kind,
    JSONExtractString(data, 'botId') AS bot_id, 'handoff' AS result, JSONExtractString(data, 'reason') AS reason,
    JSONExtractString(data, 'intent') AS intent, JSONExtractString(data, 'toQueueId') AS to_queue_id,
    toUInt32(JSONExtractUInt(data, 'botTurns')) AS turns, JSONExtractFloat(data, 'botSeconds') AS seconds,
    id AS event_id
FROM raw_events WHERE type = 'bot.handoff';

CREATE MATERIALIZED VIEW IF NOT EXISTS self_service_from_ivr TO self_service_sessions AS
SELECT tenant, time AS ended_at, contact_id, channel, 'ivr' AS kind,
    JSONExtractString(data, 'ivrId') AS bot_id,
    multiIf(JSONExtractString(data, 'exit') = 'self-service', 'contained',
            JSONExtractString(data, 'exit') IN ('queue', 'transfer'), 'handoff', 'gave-up') AS result,
    if(result = 'handoff', concat('ivr-', JSONExtractString(data, 'exit')), '') AS reason,
    JSONExtractString(data, 'recognizedIntent') AS intent, '' AS to_queue_id,
    toUInt32(length(JSONExtract(data, 'menuPath', 'Array(String)'))) AS turns,
    JSONExtractFloat(data, 'ivrSeconds') AS seconds,
    id AS event_id
FROM raw_events WHERE type = 'contact.ivr-exited';

-- Each agent's highest skill level (latest sign-in or skills change): "senior" in the hand-off
-- report means at least the routing config's handoff.seniorLevel (default 8).
CREATE TABLE IF NOT EXISTS agent_levels
(
    tenant LowCardinality(String),
    agent_id String,
    top_level UInt8,
    changed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(changed_at)
-- ORDER BY (tenant, agent_id): one row per agent after merges; reports take argMax by changed_at.
ORDER BY (tenant, agent_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_levels_from_events TO agent_levels AS
SELECT tenant, agent_id,
    toUInt8(arrayMax(arrayConcat([0], arrayMap(s -> JSONExtractUInt(s, 'level'), JSONExtractArrayRaw(data, 'skills'))))) AS top_level,
    time AS changed_at
FROM raw_events WHERE type IN ('agent.signed-in', 'agent.skills-changed');

-- Events stored before this migration (the views only see new inserts).
INSERT INTO self_service_sessions
SELECT tenant, time AS ended_at, contact_id, channel, 'bot' AS kind,
    JSONExtractString(data, 'botId') AS bot_id,
    if(type = 'bot.resolved', 'contained', 'handoff') AS result, JSONExtractString(data, 'reason') AS reason,
    JSONExtractString(data, 'intent') AS intent, JSONExtractString(data, 'toQueueId') AS to_queue_id,
    toUInt32(JSONExtractUInt(data, 'botTurns')) AS turns, JSONExtractFloat(data, 'botSeconds') AS seconds,
    id AS event_id
FROM raw_events WHERE type IN ('bot.resolved', 'bot.handoff');

INSERT INTO self_service_sessions
SELECT tenant, time AS ended_at, contact_id, channel, 'ivr' AS kind,
    JSONExtractString(data, 'ivrId') AS bot_id,
    multiIf(JSONExtractString(data, 'exit') = 'self-service', 'contained',
            JSONExtractString(data, 'exit') IN ('queue', 'transfer'), 'handoff', 'gave-up') AS result,
    if(result = 'handoff', concat('ivr-', JSONExtractString(data, 'exit')), '') AS reason,
    JSONExtractString(data, 'recognizedIntent') AS intent, '' AS to_queue_id,
    toUInt32(length(JSONExtract(data, 'menuPath', 'Array(String)'))) AS turns,
    JSONExtractFloat(data, 'ivrSeconds') AS seconds,
    id AS event_id
FROM raw_events WHERE type = 'contact.ivr-exited';

INSERT INTO agent_levels
SELECT tenant, agent_id,
    toUInt8(arrayMax(arrayConcat([0], arrayMap(s -> JSONExtractUInt(s, 'level'), JSONExtractArrayRaw(data, 'skills'))))) AS top_level,
    time AS changed_at
FROM raw_events WHERE type IN ('agent.signed-in', 'agent.skills-changed');
