-- Demand: how many contacts and tickets carried each category or keyword per channel and day.
-- Categories come from the closing records (contact.ended, ticket.created); keywords from what a
-- speech IVR recognised (contact.ivr-exited recognizedIntent).
CREATE TABLE IF NOT EXISTS demand_days
(
    tenant LowCardinality(String),
    day Date,
    kind LowCardinality(String),
    term String,
    channel LowCardinality(String),
    contacts SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, kind, term, channel): a demand report ranks terms of one kind over a day range.
ORDER BY (tenant, day, kind, term, channel)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS demand_days_from_ended TO demand_days AS
SELECT tenant, toDate(time) AS day, 'category' AS kind, term, channel, toUInt64(count()) AS contacts
FROM raw_events ARRAY JOIN arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')) AS term
WHERE type = 'contact.ended'
GROUP BY tenant, day, kind, term, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS demand_days_from_tickets TO demand_days AS
SELECT tenant, toDate(time) AS day, 'category' AS kind, term, 'ticket' AS channel, toUInt64(count()) AS contacts
FROM raw_events ARRAY JOIN arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')) AS term
WHERE type = 'ticket.created'
GROUP BY tenant, day, kind, term, channel;

CREATE MATERIALIZED VIEW IF NOT EXISTS demand_days_from_ivr TO demand_days AS
SELECT tenant, toDate(time) AS day, 'keyword' AS kind, JSONExtractString(data, 'recognizedIntent') AS term, channel,
    toUInt64(count()) AS contacts
FROM raw_events WHERE type = 'contact.ivr-exited' AND JSONExtractString(data, 'recognizedIntent') != ''
GROUP BY tenant, day, kind, term, channel;
