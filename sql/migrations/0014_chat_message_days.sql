-- Chat first response from a day-keyed fold instead of contacts rows: folding a month of chats from
-- `contacts` through an id set of message_contact_days (0013) took ~5 s for 2.5 million chats on 2
-- cores; the same fold from this table, which a range of days selects by its key, ~0.8 s. A row per
-- contact and day of its messages: the customer's first message (min) and the agent message times
-- (union); the report folds a contact's days, so a chat across midnight is still one contact.
DROP VIEW IF EXISTS message_contact_days_from_received;

DROP TABLE IF EXISTS message_contact_days;

CREATE TABLE IF NOT EXISTS chat_message_days
(
    tenant LowCardinality(String),
    day Date,
    channel LowCardinality(String),
    contact_id String,
    first_customer_message_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    agent_message_times SimpleAggregateFunction(groupUniqArrayArray, Array(DateTime64(3, 'UTC')))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, channel, contact_id): the report reads a range of days; the merge key is one
-- contact's messages of one day, which every message event knows.
ORDER BY (tenant, day, channel, contact_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS chat_message_days_from_received TO chat_message_days AS
SELECT tenant, toDate(time) AS day, channel, contact_id, toNullable(time) AS first_customer_message_at
FROM raw_events WHERE type = 'message.received';

CREATE MATERIALIZED VIEW IF NOT EXISTS chat_message_days_from_sent TO chat_message_days AS
SELECT tenant, toDate(time) AS day, channel, contact_id, [time] AS agent_message_times
FROM raw_events WHERE type = 'message.sent' AND JSONExtractString(data, 'senderRole') = 'agent';
