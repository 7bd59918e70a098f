-- Channel x day rollup for the executive comparison: volume, handled, abandons (with a wait histogram
-- so short abandons stay configurable), ASA, handle time, resolution and CSAT, by event time.
CREATE TABLE IF NOT EXISTS channel_days
(
    tenant LowCardinality(String),
    day Date,
    channel LowCardinality(String),
    offered SimpleAggregateFunction(sum, UInt64),
    handled SimpleAggregateFunction(sum, UInt64),
    handled_wait_seconds SimpleAggregateFunction(sum, Float64),
    abandoned SimpleAggregateFunction(sum, UInt64),
    abandon_wait_buckets SimpleAggregateFunction(sumMap, Map(UInt16, UInt64)),
    contacts_ended SimpleAggregateFunction(sum, UInt64),
    resolved SimpleAggregateFunction(sum, UInt64),
    handle_count SimpleAggregateFunction(sum, UInt64),
    handle_seconds SimpleAggregateFunction(sum, Float64),
    csat_responses SimpleAggregateFunction(sum, UInt64),
    csat_satisfied SimpleAggregateFunction(sum, UInt64),
    csat_score_sum SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, channel): the report reads a day range for all channels side by side.
ORDER BY (tenant, day, channel)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_queued TO channel_days AS
SELECT tenant, toDate(time) AS day, channel, toUInt64(count()) AS offered
FROM raw_events WHERE type = 'contact.queued' AND JSONExtractString(data, 'entry') IN ('new', 'transfer')
GROUP BY tenant, day, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_connected TO channel_days AS
SELECT tenant, toDate(time) AS day, channel, toUInt64(count()) AS handled,
    sum(JSONExtractFloat(data, 'waitSeconds')) AS handled_wait_seconds
FROM raw_events WHERE type = 'contact.connected' AND JSONExtractString(data, 'queueId') != ''
GROUP BY tenant, day, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_abandoned TO channel_days AS
SELECT tenant, toDate(time) AS day, channel, toUInt64(count()) AS abandoned,
    sumMap(map(toUInt16(least(ceil(JSONExtractFloat(data, 'waitSeconds')), 3601)), toUInt64(1))) AS abandon_wait_buckets
FROM raw_events WHERE type = 'contact.abandoned'
GROUP BY tenant, day, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_ended TO channel_days AS
SELECT tenant, toDate(time) AS day, channel,
    toUInt64(count()) AS contacts_ended,
    toUInt64(countIf(JSONExtractBool(data, 'resolved'))) AS resolved,
    toUInt64(countIf(JSONExtractString(data, 'outcome') = 'handled')) AS handle_count,
    sumIf(JSONExtractFloat(data, 'talkSeconds') + JSONExtractFloat(data, 'holdSeconds')
        + JSONExtractFloat(data, 'wrapupSeconds'), JSONExtractString(data, 'outcome') = 'handled') AS handle_seconds
FROM raw_events WHERE type = 'contact.ended'
GROUP BY tenant, day, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_csat TO channel_days AS
SELECT tenant, toDate(time) AS day, channel,
    toUInt64(count()) AS csat_responses,
    toUInt64(countIf(JSONExtractUInt(data, 'score') >= 4)) AS csat_satisfied,
    toUInt64(sum(JSONExtractUInt(data, 'score'))) AS csat_score_sum
FROM raw_events WHERE type = 'csat.survey-answered'
GROUP BY tenant, day, channel;
