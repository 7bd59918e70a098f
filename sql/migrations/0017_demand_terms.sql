-- Demand per contact, for shares of contacts: which categories, keywords and IVR intents each contact
-- (or ticket) carried on a day, whatever said so: the text rules (demand.categorized), the source's
-- own tags (contact.ended / ticket.created categories) or a speech IVR (recognizedIntent). Counting
-- distinct contact ids makes a term said by the rules and tagged by the source count once.
CREATE TABLE IF NOT EXISTS contact_terms
(
    tenant LowCardinality(String),
    day Date,
    kind LowCardinality(String),
    term String,
    channel LowCardinality(String),
    contact_id String,
    source LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, kind, term, channel, contact_id, source): reports read a day range of one
-- kind; the whole row is the key, so a redelivered event leaves one row after merges.
ORDER BY (tenant, day, kind, term, channel, contact_id, source);

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_terms_from_text TO contact_terms AS
SELECT tenant, toDate(time) AS day, pair.1 AS kind, pair.2 AS term, channel, contact_id, 'text' AS source
FROM raw_events
ARRAY JOIN
    arrayConcat(
        arrayMap(c -> ('category', c), JSONExtract(data, 'categories', 'Array(String)')),
        arrayMap(k -> ('keyword', k), JSONExtract(data, 'keywords', 'Array(String)'))
    ) AS pair
WHERE type = 'demand.categorized';

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_terms_from_ended TO contact_terms AS
SELECT tenant, toDate(time) AS day, 'category' AS kind, term, channel, contact_id, 'tag' AS source
FROM raw_events ARRAY JOIN arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')) AS term
WHERE type = 'contact.ended';

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_terms_from_tickets TO contact_terms AS
SELECT tenant, toDate(time) AS day, 'category' AS kind, term, 'ticket' AS channel,
    JSONExtractString(data, 'ticketNumber') AS contact_id, 'tag' AS source
FROM raw_events ARRAY JOIN arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')) AS term
WHERE type = 'ticket.created';

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_terms_from_ivr TO contact_terms AS
SELECT tenant, toDate(time) AS day, 'intent' AS kind, JSONExtractString(data, 'recognizedIntent') AS term,
    channel, contact_id, 'ivr' AS source
FROM raw_events WHERE type = 'contact.ivr-exited' AND JSONExtractString(data, 'recognizedIntent') != '';

-- The denominator: contacts (and tickets) that started on a day.
CREATE TABLE IF NOT EXISTS contact_days
(
    tenant LowCardinality(String),
    day Date,
    channel LowCardinality(String),
    contact_id String
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(day)
-- ORDER BY (tenant, day, channel, contact_id): a day range is read whole; one row per contact.
ORDER BY (tenant, day, channel, contact_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_days_from_created TO contact_days AS
SELECT tenant, toDate(time) AS day, channel, contact_id FROM raw_events WHERE type = 'contact.created';

CREATE MATERIALIZED VIEW IF NOT EXISTS contact_days_from_tickets TO contact_days AS
SELECT tenant, toDate(time) AS day, 'ticket' AS channel, JSONExtractString(data, 'ticketNumber') AS contact_id
FROM raw_events WHERE type = 'ticket.created';

-- What was stored before this migration (the views only see new inserts).
INSERT INTO contact_terms
SELECT tenant, toDate(time) AS day, 'category' AS kind, term, channel, contact_id, 'tag' AS source
FROM raw_events ARRAY JOIN arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')) AS term
WHERE type = 'contact.ended';

INSERT INTO contact_terms
SELECT tenant, toDate(time) AS day, 'category' AS kind, term, 'ticket' AS channel,
    JSONExtractString(data, 'ticketNumber') AS contact_id, 'tag' AS source
FROM raw_events ARRAY JOIN arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')) AS term
WHERE type = 'ticket.created';

INSERT INTO contact_terms
SELECT tenant, toDate(time) AS day, 'intent' AS kind, JSONExtractString(data, 'recognizedIntent') AS term,
    channel, contact_id, 'ivr' AS source
FROM raw_events WHERE type = 'contact.ivr-exited' AND JSONExtractString(data, 'recognizedIntent') != '';

INSERT INTO contact_days
SELECT tenant, toDate(time) AS day, channel, contact_id FROM raw_events WHERE type = 'contact.created';

INSERT INTO contact_days
SELECT tenant, toDate(time) AS day, 'ticket' AS channel, JSONExtractString(data, 'ticketNumber') AS contact_id
FROM raw_events WHERE type = 'ticket.created';
