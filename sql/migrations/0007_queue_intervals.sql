-- Queue x 15-minute interval rollup: the service-level, ASA, AHT and abandon-rate counts, by the time
-- each event happened. Waits are kept as histograms of whole seconds (ceil, capped at 3601 = "over
-- an hour") so any threshold and any service-level variant in DESIGN.md (default, Connect, Genesys,
-- Asterisk SL/SL2) can be re-counted per queue over history without reloading events: "within T"
-- is the sum of buckets <= T, exact for whole-second thresholds because wait <= T <=> ceil(wait) <= T.
CREATE TABLE IF NOT EXISTS queue_intervals
(
    tenant LowCardinality(String),
    queue_id String,
    channel LowCardinality(String),
    interval_start DateTime('UTC'),
    offered SimpleAggregateFunction(sum, UInt64),
    flowed_in SimpleAggregateFunction(sum, UInt64),
    flowed_out SimpleAggregateFunction(sum, UInt64),
    handled SimpleAggregateFunction(sum, UInt64),
    handled_wait_seconds SimpleAggregateFunction(sum, Float64),
    handled_wait_buckets SimpleAggregateFunction(sumMap, Map(UInt16, UInt64)),
    abandoned SimpleAggregateFunction(sum, UInt64),
    abandon_wait_seconds SimpleAggregateFunction(sum, Float64),
    abandon_wait_buckets SimpleAggregateFunction(sumMap, Map(UInt16, UInt64)),
    handle_count SimpleAggregateFunction(sum, UInt64),
    talk_seconds SimpleAggregateFunction(sum, Float64),
    hold_seconds SimpleAggregateFunction(sum, Float64),
    wrapup_seconds SimpleAggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(interval_start)
-- ORDER BY (tenant, queue_id, interval_start, channel): the wallboard and the service-level report
-- read one queue's intervals over a day; a day of one queue is 96 adjacent rows.
ORDER BY (tenant, queue_id, interval_start, channel)
SETTINGS non_replicated_deduplication_window = 1000;

-- Only first entries and transfers count as offered; a requeue is the same contact waiting on and an
-- overflow is a flow-in (Genesys counts it separately).
CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_queued TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'queueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(countIf(JSONExtractString(data, 'entry') IN ('new', 'transfer'))) AS offered,
    toUInt64(countIf(JSONExtractString(data, 'entry') = 'overflow')) AS flowed_in
FROM raw_events WHERE type = 'contact.queued'
GROUP BY tenant, queue_id, channel, interval_start;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_overflowed TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'fromQueueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start, toUInt64(count()) AS flowed_out
FROM raw_events WHERE type = 'contact.overflowed'
GROUP BY tenant, queue_id, channel, interval_start;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_connected TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'queueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(count()) AS handled,
    sum(JSONExtractFloat(data, 'waitSeconds')) AS handled_wait_seconds,
    sumMap(map(toUInt16(least(ceil(JSONExtractFloat(data, 'waitSeconds')), 3601)), toUInt64(1))) AS handled_wait_buckets
FROM raw_events WHERE type = 'contact.connected' AND JSONExtractString(data, 'queueId') != ''
GROUP BY tenant, queue_id, channel, interval_start;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_abandoned TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'queueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(count()) AS abandoned,
    sum(JSONExtractFloat(data, 'waitSeconds')) AS abandon_wait_seconds,
    sumMap(map(toUInt16(least(ceil(JSONExtractFloat(data, 'waitSeconds')), 3601)), toUInt64(1))) AS abandon_wait_buckets
FROM raw_events WHERE type = 'contact.abandoned'
GROUP BY tenant, queue_id, channel, interval_start;

-- Handle time is known once wrap-up ends: counted in the interval the contact ended, with its own
-- count so AHT never divides one interval's time by another interval's contacts.
CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_ended TO queue_intervals AS
SELECT tenant, JSONExtractString(data, 'queueId') AS queue_id, channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(count()) AS handle_count,
    sum(JSONExtractFloat(data, 'talkSeconds')) AS talk_seconds,
    sum(JSONExtractFloat(data, 'holdSeconds')) AS hold_seconds,
    sum(JSONExtractFloat(data, 'wrapupSeconds')) AS wrapup_seconds
FROM raw_events
WHERE type = 'contact.ended' AND JSONExtractString(data, 'outcome') = 'handled'
    AND JSONExtractString(data, 'queueId') != ''
GROUP BY tenant, queue_id, channel, interval_start;
