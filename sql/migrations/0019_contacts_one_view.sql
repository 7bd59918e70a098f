-- The contacts table fed by one view instead of ten (0002's eight, 0013's two). Each view ran its
-- own pipeline over every inserted block and wrote its own part of this wide table on every insert;
-- measured with sql/bench/view-costs.ts (100,000 bench-day rows, CPU time), the ten cost more than
-- the one that replaces them. The row written for an event is the one its old view wrote: the
-- event's own fields, every other column its neutral default ('' and 0 for max, NULL for min, 0 for
-- sum, [] for the arrays), which the table's SimpleAggregateFunction columns fold away (0002). `if`
-- evaluates its JSON branch only on the rows of its type (short-circuit evaluation).
DROP VIEW IF EXISTS contacts_from_created;

DROP VIEW IF EXISTS contacts_from_queued;

DROP VIEW IF EXISTS contacts_from_offered;

DROP VIEW IF EXISTS contacts_from_connected;

DROP VIEW IF EXISTS contacts_from_transferred;

DROP VIEW IF EXISTS contacts_from_ivr_exited;

DROP VIEW IF EXISTS contacts_from_ended;

DROP VIEW IF EXISTS contacts_from_csat;

DROP VIEW IF EXISTS contacts_from_message_received;

DROP VIEW IF EXISTS contacts_from_message_sent;

CREATE MATERIALIZED VIEW IF NOT EXISTS contacts_from_events TO contacts AS
SELECT
    tenant, contact_id, channel,
    if(type = 'contact.created', JSONExtractString(data, 'direction'), '') AS direction,
    if(type = 'contact.created', JSONExtractString(data, 'customerId'), '') AS customer_id,
    if(type = 'contact.created', JSONExtractString(data, 'from'), '') AS address,
    if(type = 'contact.created', toNullable(time), NULL) AS started_at,
    if(type IN ('contact.queued', 'contact.ended'), JSONExtractString(data, 'queueId'), '') AS queue_id,
    if(type = 'contact.queued', toNullable(time), NULL) AS queued_at,
    if(type = 'contact.offered', toNullable(time), NULL) AS offered_at,
    if(type IN ('contact.connected', 'contact.ended'), agent_id, '') AS agent_id,
    if(type = 'contact.connected', toNullable(time), NULL) AS connected_at,
    toUInt64(type = 'contact.transferred') AS transfers,
    if(type = 'contact.ivr-exited', arrayFilter(k -> k != '', [JSONExtractString(data, 'recognizedIntent')]), [])
        AS keywords,
    if(type = 'contact.ended', toNullable(time), NULL) AS ended_at,
    if(type = 'contact.ended', JSONExtractFloat(data, 'waitSeconds'), 0) AS wait_seconds,
    if(type = 'contact.ended', JSONExtractFloat(data, 'talkSeconds'), 0) AS talk_seconds,
    if(type = 'contact.ended', JSONExtractFloat(data, 'holdSeconds'), 0) AS hold_seconds,
    if(type = 'contact.ended', JSONExtractFloat(data, 'wrapupSeconds'), 0) AS wrapup_seconds,
    if(type = 'contact.ended', JSONExtractString(data, 'outcome'), '') AS outcome,
    toUInt8(outcome = 'abandoned') AS abandoned,
    if(type = 'contact.ended', toUInt8(JSONExtractBool(data, 'resolved')), 0) AS resolved,
    if(type = 'contact.ended', JSONExtract(data, 'categories', 'Array(String)'), []) AS categories,
    if(type = 'csat.survey-answered', toNullable(toUInt8(JSONExtractUInt(data, 'score'))), NULL) AS csat_score,
    if(type = 'message.received', toNullable(time), NULL) AS first_customer_message_at,
    if(type = 'message.sent', [time], []) AS agent_message_times
FROM raw_events
WHERE type IN ('contact.created', 'contact.queued', 'contact.offered', 'contact.connected', 'contact.transferred',
        'contact.ivr-exited', 'contact.ended', 'csat.survey-answered', 'message.received')
    OR (type = 'message.sent' AND JSONExtractString(data, 'senderRole') = 'agent');
