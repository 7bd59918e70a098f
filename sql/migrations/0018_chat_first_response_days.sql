-- Chat first response folded per contact at insert time into a per-day sum, so the report reads a
-- few rows per day instead of grouping every chat of the range by contact (0014's fold of 2.5 million
-- chats took ~0.8 s on 2 cores, and any GROUP BY contact_id over them ~0.2-0.9 s by itself).
--
-- The metric (DESIGN.md; core/src/metrics firstResponseSeconds) is not a sum of events: it is the
-- first agent message at or after the customer's first message, and events arrive in any order. So
-- each chat keeps a small state (its customer's first message and the agent message times that can
-- still be its reply), and every insert turns each touched chat's change of state into a change of
-- the day totals: minus its old contribution, plus its new one. Merging a state with events it
-- already holds gives the same state (min; set union), so a redelivered event adds zero.
--
-- Requires that inserts touching one contact run one after another: the sink writes one batch at a
-- time, and a contact's events share a log partition (one consumer). The state is read and written
-- within the one INSERT: the view that writes it reads the changes the first view produced, so the
-- read always comes before the write.

-- One chat's state, looked up by key on every insert (EmbeddedRocksDB + direct join: a point read per
-- touched chat, where a MergeTree would be scanned whole by the join). `key` is tenant NUL contact id.
-- agent_message_times holds only the times that can still be the reply: every agent time up to the
-- current reply (an earlier one becomes the reply if an earlier customer message turns up), none after.
CREATE TABLE IF NOT EXISTS chat_contact_state
(
    key String,
    tenant LowCardinality(String),
    contact_id String,
    channel LowCardinality(String),
    first_customer_message_at Nullable(DateTime64(3, 'UTC')),
    agent_message_times Array(DateTime64(3, 'UTC'))
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY key;

-- What the report reads: per day of the customer's first message, chats answered and the sum of
-- their first response in milliseconds (integers, so a minus and a plus of one chat cancel exactly).
CREATE TABLE IF NOT EXISTS chat_first_response_days
(
    tenant LowCardinality(String),
    day Date,
    channel LowCardinality(String),
    responded Int64,
    response_ms Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, channel): the report reads a range of days of one tenant and sums per
-- channel; the key is also what SummingMergeTree folds the per-insert changes by.
ORDER BY (tenant, day, channel)
SETTINGS non_replicated_deduplication_window = 1000;

-- Each touched chat's old and new state, passed on and not stored (Null engine).
CREATE TABLE IF NOT EXISTS chat_contact_changes
(
    key String,
    tenant LowCardinality(String),
    contact_id String,
    channel LowCardinality(String),
    first_customer_message_at Nullable(DateTime64(3, 'UTC')),
    agent_message_times Array(DateTime64(3, 'UTC')),
    old_channel LowCardinality(String),
    old_answered UInt8,
    old_day Date,
    old_ms Int64,
    new_answered UInt8,
    new_day Date,
    new_ms Int64
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS chat_contact_changes_from_messages TO chat_contact_changes AS
SELECT
    key, tenant, contact_id, new_channel AS channel, new_customer AS first_customer_message_at,
    -- Only the agent times that can still be the reply (see chat_contact_state).
    if(new_answered, arrayFilter(t -> t <= new_reply, merged), merged) AS agent_message_times,
    old_channel, old_answered, toDate(old_first) AS old_day,
    if(old_answered, dateDiff('millisecond', old_first, old_reply), 0) AS old_ms,
    new_answered, toDate(new_first) AS new_day,
    if(new_answered, dateDiff('millisecond', new_first, new_reply), 0) AS new_ms
FROM
(
    SELECT
        chat_batch.key AS key, chat_batch.tenant AS tenant, chat_batch.contact_id AS contact_id,
        chat_prior.channel AS old_channel,
        greatest(chat_prior.channel, chat_batch.channel) AS new_channel,
        chat_prior.first_customer_message_at AS old_customer,
        multiIf(isNull(old_customer), chat_batch.first_customer, isNull(chat_batch.first_customer), old_customer,
            least(assumeNotNull(old_customer), assumeNotNull(chat_batch.first_customer))) AS new_customer,
        ifNull(old_customer, toDateTime64(0, 3, 'UTC')) AS old_first,
        ifNull(new_customer, toDateTime64(0, 3, 'UTC')) AS new_first,
        if(isNull(old_customer), [], arrayFilter(t -> t >= old_first, chat_prior.agent_message_times)) AS old_replies,
        notEmpty(old_replies) AS old_answered,
        arrayMin(old_replies) AS old_reply,
        arraySort(arrayDistinct(arrayConcat(chat_prior.agent_message_times, chat_batch.agent_times))) AS merged,
        if(isNull(new_customer), [], arrayFilter(t -> t >= new_first, merged)) AS new_replies,
        notEmpty(new_replies) AS new_answered,
        arrayMin(new_replies) AS new_reply
    FROM
    (
        -- This insert's customer and agent messages per chat (bot and system messages are no reply).
        SELECT
            concat(tenant, '\0', contact_id) AS key, tenant, contact_id, max(channel) AS channel,
            minIf(toNullable(time), type = 'message.received') AS first_customer,
            groupArrayIf(time, type = 'message.sent') AS agent_times
        FROM raw_events
        WHERE type = 'message.received'
            OR (type = 'message.sent' AND JSONExtractString(data, 'senderRole') = 'agent')
        GROUP BY tenant, contact_id
    ) AS chat_batch
    -- Aliases are long: the stored view qualifies tables with the database name, and an alias equal to
    -- it (a database named b) would shadow the table.
    LEFT JOIN chat_contact_state AS chat_prior ON chat_batch.key = chat_prior.key
    SETTINGS join_algorithm = 'direct'
);

CREATE MATERIALIZED VIEW IF NOT EXISTS chat_contact_state_from_changes TO chat_contact_state AS
SELECT key, tenant, contact_id, channel, first_customer_message_at, agent_message_times
FROM chat_contact_changes;

-- The old contribution out, the new one in, summed per day and channel within the insert (a few
-- rows per insert); an unchanged chat's two cancel and leave no row.
CREATE MATERIALIZED VIEW IF NOT EXISTS chat_first_response_days_from_changes TO chat_first_response_days AS
SELECT tenant, change_day AS day, change_channel AS channel, sum(change_count) AS responded,
    sum(change_ms) AS response_ms
FROM
(
    SELECT tenant, change.1 AS change_day, change.2 AS change_channel, change.3 AS change_count,
        change.4 AS change_ms
    FROM chat_contact_changes
    ARRAY JOIN [
        (old_day, old_channel, -toInt64(old_answered), -old_ms),
        (new_day, channel, toInt64(new_answered), new_ms)
    ] AS change
    WHERE change_count != 0
)
GROUP BY tenant, change_day, change_channel
HAVING responded != 0 OR response_ms != 0;

-- Chats already in the warehouse: their state from 0014's day rows, then the day sums from the states
-- (truncated first, so a run interrupted here can be repeated).
INSERT INTO chat_contact_state (key, tenant, contact_id, channel, first_customer_message_at, agent_message_times)
SELECT key, tenant, contact_id, last_channel, first_customer,
    if(notEmpty(replies), arrayFilter(t -> t <= arrayMin(replies), merged), merged) AS agent_message_times
FROM
(
    SELECT
        concat(tenant, '\0', contact_id) AS key, tenant, contact_id, max(channel) AS last_channel,
        min(first_customer_message_at) AS first_customer,
        arraySort(groupUniqArrayArray(agent_message_times)) AS merged,
        if(isNull(first_customer), [], arrayFilter(t -> t >= assumeNotNull(first_customer), merged)) AS replies
    FROM chat_message_days
    GROUP BY tenant, contact_id
);

TRUNCATE TABLE chat_first_response_days;

INSERT INTO chat_first_response_days (tenant, day, channel, responded, response_ms)
SELECT tenant, toDate(first) AS day, channel, count() AS responded,
    sum(dateDiff('millisecond', first, arrayMin(replies))) AS response_ms
FROM
(
    SELECT tenant, channel, assumeNotNull(first_customer_message_at) AS first,
        arrayFilter(t -> t >= first, agent_message_times) AS replies
    FROM chat_contact_state
    WHERE isNotNull(first_customer_message_at)
)
WHERE notEmpty(replies)
GROUP BY tenant, day, channel;

-- 0014's day rows are replaced by the states above; their views would only cost every insert.
DROP VIEW IF EXISTS chat_message_days_from_received;

DROP VIEW IF EXISTS chat_message_days_from_sent;

DROP TABLE IF EXISTS chat_message_days;
