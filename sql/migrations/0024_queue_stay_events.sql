-- The events that start, end or hand off a queue stay, with the fields the service-level report by
-- queued interval needs already extracted (queries/service_level_by_queued.sql, and the callback
-- overlap of service_level.sql). Both read these events for a day plus the day after; from
-- raw_events each read parsed every event's JSON again, and on a slow 2-core machine that parse was
-- most of the report's time: the 200,000-event bench day by queued interval took 131-168 ms from
-- raw_events, of which ~60 ms was JSONExtract, and 57-75 ms from this table (medians of 9).
--
-- One row per event, not one per stay: a stay's exit event does not carry its queue time, and a
-- table keyed by stay could not be pruned to a time range. Rows without a queue (a contact that
-- never queued, a connect straight to an agent) are left out: no stay can start without a queue.
-- queue_id is the queue the event belongs to: fromQueueId for contact.overflowed (the stay it
-- ends), queueId for the rest; entry, wait_seconds, outcome and the handle times are 0/'' where the
-- type has none. Kept as long as raw_events (setRawEventTtl changes both). 0025 feeds the
-- queue_intervals rollup from this table too, so these events' JSON is parsed once per insert.
CREATE TABLE IF NOT EXISTS queue_stay_events
(
    tenant LowCardinality(String),
    time DateTime64(3, 'UTC'),
    contact_id String,
    queue_id String,
    channel LowCardinality(String),
    type LowCardinality(String),
    entry LowCardinality(String),
    wait_seconds Float64,
    outcome LowCardinality(String),
    talk_seconds Float64,
    hold_seconds Float64,
    wrapup_seconds Float64
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(time)
-- ORDER BY (tenant, time, contact_id): every reader selects one tenant's time range (a day and the
-- day after) and groups it by contact and queue; contact_id after time keeps nothing apart that a
-- reader selects together.
ORDER BY (tenant, time, contact_id)
TTL toDateTime(time) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 1000, cleanup_delay_period = 5, max_cleanup_delay_period = 30,
    cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;

-- One JSON parse per event (a named tuple), on the queue events only.
CREATE MATERIALIZED VIEW IF NOT EXISTS queue_stay_events_from_events TO queue_stay_events AS
WITH JSONExtract(data, 'Tuple(queueId String, fromQueueId String, entry String, waitSeconds Float64, outcome String, talkSeconds Float64, holdSeconds Float64, wrapupSeconds Float64)') AS d
SELECT * FROM
(
    SELECT tenant, time, contact_id,
        if(type = 'contact.overflowed', d.fromQueueId, d.queueId) AS queue_id,
        channel,
        type,
        d.entry AS entry,
        d.waitSeconds AS wait_seconds,
        d.outcome AS outcome,
        d.talkSeconds AS talk_seconds,
        d.holdSeconds AS hold_seconds,
        d.wrapupSeconds AS wrapup_seconds
    FROM raw_events
    WHERE type IN ('contact.queued', 'contact.connected', 'contact.abandoned', 'contact.overflowed',
        'contact.callback-requested', 'contact.ended')
)
WHERE queue_id != '';

-- The events stored before this migration. Migrations run with the sink stopped; emptying first
-- makes a run interrupted after the insert safe to repeat.
TRUNCATE TABLE queue_stay_events;

INSERT INTO queue_stay_events
WITH JSONExtract(data, 'Tuple(queueId String, fromQueueId String, entry String, waitSeconds Float64, outcome String, talkSeconds Float64, holdSeconds Float64, wrapupSeconds Float64)') AS d
SELECT * FROM
(
    SELECT tenant, time, contact_id,
        if(type = 'contact.overflowed', d.fromQueueId, d.queueId) AS queue_id,
        channel,
        type,
        d.entry AS entry,
        d.waitSeconds AS wait_seconds,
        d.outcome AS outcome,
        d.talkSeconds AS talk_seconds,
        d.holdSeconds AS hold_seconds,
        d.wrapupSeconds AS wrapup_seconds
    FROM raw_events
    WHERE type IN ('contact.queued', 'contact.connected', 'contact.abandoned', 'contact.overflowed',
        'contact.callback-requested', 'contact.ended')
)
WHERE queue_id != '';
