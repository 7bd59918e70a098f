-- Chat first response time (DESIGN.md; core/src/metrics firstResponseSeconds): from the customer's
-- first message to the first agent message at or after it. Bot and system messages are not
-- responses, and an agent message before the customer's first (proactive outreach) is not a reply,
-- so a single "first agent message" column would be wrong: the contact keeps its customer's first
-- message time and the times of its agent messages, and the report takes the first agent time at or
-- after the customer's first (queries/chat_first_response.sql). Both columns fold like the rest of
-- the contacts row (min; union of arrays), whatever order the events arrive in.
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS
    first_customer_message_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC')));

ALTER TABLE contacts ADD COLUMN IF NOT EXISTS
    agent_message_times SimpleAggregateFunction(groupUniqArrayArray, Array(DateTime64(3, 'UTC')));

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_message_received TO contacts AS
SELECT tenant, contact_id, channel, toNullable(time) AS first_customer_message_at
FROM raw_events WHERE type = 'message.received';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_message_sent TO contacts AS
SELECT tenant, contact_id, channel, [time] AS agent_message_times
FROM raw_events WHERE type = 'message.sent' AND JSONExtractString(data, 'senderRole') = 'agent';

-- Which contacts had customer messages on a day: the report folds only those contacts rows.
CREATE TABLE IF NOT EXISTS message_contact_days
(
    tenant LowCardinality(String),
    day Date,
    channel LowCardinality(String),
    contact_id String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, channel, contact_id): the report reads a day range; one row per contact and
-- day once merged (ReplacingMergeTree), and the report reads DISTINCT ids, so unmerged repeats are harmless.
ORDER BY (tenant, day, channel, contact_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS message_contact_days_from_received TO message_contact_days AS
SELECT DISTINCT tenant, toDate(time) AS day, channel, contact_id
FROM raw_events WHERE type = 'message.received';
