-- Every accepted event, as the log carried it: the archive the warehouse can be rebuilt from and the
-- single table the sink writes. Every other table is a materialized view of this one, so one INSERT
-- per batch lands an event everywhere or nowhere (see src/sink/README.md for the dedup argument).
CREATE TABLE IF NOT EXISTS raw_events
(
    id String,
    type LowCardinality(String),
    version UInt16,
    time DateTime64(3, 'UTC'),
    tenant LowCardinality(String),
    source LowCardinality(String),
    channel LowCardinality(String),
    contact_id String,
    agent_id String,
    -- The event's `data` object as JSON text; views extract what they need by type.
    data String,
    log_topic LowCardinality(String),
    log_partition UInt16,
    log_offset UInt64,
    ingested_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(time)
-- ORDER BY (tenant, time, id): every reader selects a time range of one tenant (replays, backfills,
-- the sink's "already stored?" lookup, which asks for exact (time, id) pairs so it touches only the
-- granules of the batch's time span); id last makes the key unique per event.
ORDER BY (tenant, time, id)
-- Default retention; `migrate({ rawEventTtlDays })` changes it with ALTER ... MODIFY TTL.
TTL toDateTime(time) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 1000;
