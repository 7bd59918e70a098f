-- One row per contact in its final state. A contact's facts arrive in several events (created,
-- queued, connected, ended, and a survey answer that may come days after the end), so each event
-- type's view writes a partial row and the engine folds them: AggregatingMergeTree with
-- SimpleAggregateFunction columns chosen so a partial row that lacks a field cannot overwrite it
-- (min/max ignore NULL and '' < any value). Queries GROUP BY contact_id with the same functions,
-- which stays correct before, during and after merges: no FINAL.
CREATE TABLE IF NOT EXISTS contacts
(
    tenant LowCardinality(String),
    contact_id String,
    channel SimpleAggregateFunction(max, LowCardinality(String)),
    direction SimpleAggregateFunction(max, LowCardinality(String)),
    customer_id SimpleAggregateFunction(max, String),
    address SimpleAggregateFunction(max, String),
    queue_id SimpleAggregateFunction(max, String),
    agent_id SimpleAggregateFunction(max, String),
    started_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    queued_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    offered_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    connected_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    ended_at SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
    wait_seconds SimpleAggregateFunction(max, Float64),
    talk_seconds SimpleAggregateFunction(max, Float64),
    hold_seconds SimpleAggregateFunction(max, Float64),
    wrapup_seconds SimpleAggregateFunction(max, Float64),
    outcome SimpleAggregateFunction(max, LowCardinality(String)),
    abandoned SimpleAggregateFunction(max, UInt8),
    resolved SimpleAggregateFunction(max, UInt8),
    transfers SimpleAggregateFunction(sum, UInt64),
    csat_score SimpleAggregateFunction(max, Nullable(UInt8)),
    categories SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    keywords SimpleAggregateFunction(groupUniqArrayArray, Array(String))
)
ENGINE = AggregatingMergeTree
-- ORDER BY (tenant, contact_id): the merge key must be known to every partial row, and only the id
-- is; reports over many contacts read the interval and day rollups instead.
ORDER BY (tenant, contact_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_created TO contacts AS
SELECT tenant, contact_id, channel,
    JSONExtractString(data, 'direction') AS direction,
    JSONExtractString(data, 'customerId') AS customer_id,
    JSONExtractString(data, 'from') AS address,
    toNullable(time) AS started_at
FROM raw_events WHERE type = 'contact.created';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_queued TO contacts AS
SELECT tenant, contact_id, channel, JSONExtractString(data, 'queueId') AS queue_id, toNullable(time) AS queued_at
FROM raw_events WHERE type = 'contact.queued';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_offered TO contacts AS
SELECT tenant, contact_id, channel, toNullable(time) AS offered_at
FROM raw_events WHERE type = 'contact.offered';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_connected TO contacts AS
SELECT tenant, contact_id, channel, agent_id, toNullable(time) AS connected_at
FROM raw_events WHERE type = 'contact.connected';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_transferred TO contacts AS
SELECT tenant, contact_id, channel, toUInt64(1) AS transfers
FROM raw_events WHERE type = 'contact.transferred';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_ivr_exited TO contacts AS
SELECT tenant, contact_id, channel,
    arrayFilter(k -> k != '', [JSONExtractString(data, 'recognizedIntent')]) AS keywords
FROM raw_events WHERE type = 'contact.ivr-exited';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_ended TO contacts AS
SELECT tenant, contact_id, channel, agent_id,
    JSONExtractString(data, 'queueId') AS queue_id,
    toNullable(time) AS ended_at,
    JSONExtractFloat(data, 'waitSeconds') AS wait_seconds,
    JSONExtractFloat(data, 'talkSeconds') AS talk_seconds,
    JSONExtractFloat(data, 'holdSeconds') AS hold_seconds,
    JSONExtractFloat(data, 'wrapupSeconds') AS wrapup_seconds,
    JSONExtractString(data, 'outcome') AS outcome,
    toUInt8(JSONExtractString(data, 'outcome') = 'abandoned') AS abandoned,
    toUInt8(JSONExtractBool(data, 'resolved')) AS resolved,
    JSONExtract(data, 'categories', 'Array(String)') AS categories
FROM raw_events WHERE type = 'contact.ended';

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_csat TO contacts AS
SELECT tenant, contact_id, channel, toNullable(toUInt8(JSONExtractUInt(data, 'score'))) AS csat_score
FROM raw_events WHERE type = 'csat.survey-answered';

-- Caller recognition and customer history: which contacts belong to a customer id or address.
CREATE TABLE IF NOT EXISTS customer_contacts
(
    tenant LowCardinality(String),
    customer_id String,
    address String,
    contact_id String,
    channel LowCardinality(String),
    started_at DateTime64(3, 'UTC'),
    INDEX address_bloom address TYPE bloom_filter GRANULARITY 4
)
ENGINE = MergeTree
-- ORDER BY (tenant, customer_id, started_at): history is one customer's contacts, newest first;
-- lookups by phone use the bloom filter on address.
ORDER BY (tenant, customer_id, started_at)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS customer_contacts_from_created TO customer_contacts AS
SELECT tenant, JSONExtractString(data, 'customerId') AS customer_id, JSONExtractString(data, 'from') AS address,
    contact_id, channel, time AS started_at
FROM raw_events WHERE type = 'contact.created';
