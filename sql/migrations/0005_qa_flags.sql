-- QA flags on messages and transcript segments, and reviewers' verdicts on them.
CREATE TABLE IF NOT EXISTS qa_flags
(
    tenant LowCardinality(String),
    flagged_at DateTime64(3, 'UTC'),
    flag_id String,
    contact_id String,
    channel LowCardinality(String),
    agent_id String,
    rule_id LowCardinality(String),
    category LowCardinality(String),
    severity LowCardinality(String),
    side LowCardinality(String),
    location_type LowCardinality(String),
    location_id String,
    char_start UInt32,
    char_end UInt32,
    offset_ms UInt64,
    matched_text String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(flagged_at)
-- ORDER BY (tenant, flagged_at, flag_id): reviewers page through a time range, newest first.
ORDER BY (tenant, flagged_at, flag_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS qa_flags_from_events TO qa_flags AS
SELECT tenant, time AS flagged_at, JSONExtractString(data, 'flagId') AS flag_id, contact_id, channel, agent_id,
    JSONExtractString(data, 'ruleId') AS rule_id,
    JSONExtractString(data, 'category') AS category,
    JSONExtractString(data, 'severity') AS severity,
    JSONExtractString(data, 'side') AS side,
    JSONExtractString(data, 'location', 'type') AS location_type,
    if(location_type = 'message', JSONExtractString(data, 'location', 'messageId'),
       JSONExtractString(data, 'location', 'segmentId')) AS location_id,
    toUInt32(JSONExtractUInt(data, 'location', 'charRange', 1)) AS char_start,
    toUInt32(JSONExtractUInt(data, 'location', 'charRange', 2)) AS char_end,
    JSONExtractUInt(data, 'location', 'offsetMs') AS offset_ms,
    JSONExtractString(data, 'matchedText') AS matched_text
FROM raw_events WHERE type = 'qa.flagged';

CREATE TABLE IF NOT EXISTS qa_flag_reviews
(
    tenant LowCardinality(String),
    flag_id String,
    reviewed_at DateTime64(3, 'UTC'),
    verdict LowCardinality(String),
    reviewer_id String,
    note String
)
ENGINE = MergeTree
-- ORDER BY (tenant, flag_id, reviewed_at): joined to flags by id; the latest verdict wins.
ORDER BY (tenant, flag_id, reviewed_at)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS qa_flag_reviews_from_events TO qa_flag_reviews AS
SELECT tenant, JSONExtractString(data, 'flagId') AS flag_id, time AS reviewed_at,
    JSONExtractString(data, 'verdict') AS verdict,
    JSONExtractString(data, 'reviewerId') AS reviewer_id,
    JSONExtractString(data, 'note') AS note
FROM raw_events WHERE type = 'qa.flag-reviewed';
