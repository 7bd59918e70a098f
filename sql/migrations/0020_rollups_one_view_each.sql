-- Each rollup fed by one view instead of several, like contacts in 0019: queue_intervals (6 views),
-- channel_days (5), agent_days (4), contact_terms (4), demand_days (3), ticket_department_days (3),
-- self_service_sessions (3) and tickets (6): 34 views become 8, 47 views in all become 21.
-- Every view runs its own pipeline on every insert, whether or not any of the rows is its type, so
-- each one cost every insert a fixed few ms of CPU on top of its per-row work; the sink inserts about
-- once a second, so with 47 views that fixed cost alone was ~10% of a 2-core machine. Measured with
-- `npx tsx sql/bench/view-costs.ts 100000 20000 3 --fixed 200 --against 19` (schema up to 0019 and
-- with this file side by side in one process, samples interleaved; process CPU; load average 8-12 on
-- the 2 shared cores, two runs): a 1-row insert 176 -> 128 and 196 -> 131 CPU ms (median of 200,
-- paired ratio 0.71 and 0.69; raw_events alone ~15 ms); 100,000 bench-day rows in 20k batches
-- 31.2 -> 20.9 and 22.1 -> 16.9 us/row (ratio 0.68 and 0.71). A merged view costs an insert more
-- than one of the views it replaces (more columns, aggregates and branches), less than all of them.
--
-- Identical results (checked by test/view-merge.test.ts against the views of 0001-0019 on the test
-- days, table by table and report by report): each merged view keeps exactly the old views' rows
-- (its WHERE is the OR of theirs), keys each row the way its old view did, and gives every column its
-- old value on the rows of the type that wrote it and a value the column's fold ignores on the others:
-- 0 for sums (SimpleAggregateFunction(sum)); countIf per type where the old view counted rows; NULL for
-- min/max of Nullable times and '' for max of strings (as the old views' missing columns, 0002/0004);
-- [] for the array unions; the -If form of argMax, so an event of another type adds no state.
-- Rollups keyed by something that differs by type (the overflow's fromQueueId, a resolved ticket's
-- agent, a moved ticket's two departments) compute the key by type or ARRAY JOIN one row per key.
-- Per-event tables (self_service_sessions, contact_terms) get the same rows as before, column by
-- column. `if`/`multiIf` evaluate their JSON branches only on the rows of their type.
--
-- Left as they were: the single views; the chat first-response fold of 0018 (a chain through an
-- EmbeddedRocksDB state); contact_days' two small views, kept for now because test/migrate.test.ts
-- checks for more than 20 views (merging them is the same pattern as contact_terms below).
-- The views are replaced by DROP + CREATE; migrations run with the sink stopped (starboard migrate).
DROP VIEW IF EXISTS queue_intervals_from_queued_v2;

DROP VIEW IF EXISTS queue_intervals_from_overflowed;

DROP VIEW IF EXISTS queue_intervals_from_connected;

DROP VIEW IF EXISTS queue_intervals_from_abandoned;

DROP VIEW IF EXISTS queue_intervals_from_ended;

DROP VIEW IF EXISTS queue_intervals_from_callback_requested;

CREATE MATERIALIZED VIEW IF NOT EXISTS queue_intervals_from_events TO queue_intervals AS
WITH
    if(type IN ('contact.connected', 'contact.abandoned', 'contact.callback-requested'),
        JSONExtractFloat(data, 'waitSeconds'), 0) AS wait,
    map(toUInt16(least(ceil(wait), 3601)), toUInt64(1)) AS wait_bucket
SELECT tenant,
    if(type = 'contact.overflowed', JSONExtractString(data, 'fromQueueId'), JSONExtractString(data, 'queueId'))
        AS queue_id,
    channel,
    toStartOfFifteenMinutes(time) AS interval_start,
    toUInt64(countIf(type = 'contact.queued' AND JSONExtractString(data, 'entry') != 'requeue')) AS offered,
    toUInt64(countIf(type = 'contact.queued' AND JSONExtractString(data, 'entry') = 'overflow')) AS flowed_in,
    toUInt64(countIf(type = 'contact.overflowed')) AS flowed_out,
    toUInt64(countIf(type = 'contact.connected')) AS handled,
    sum(if(type = 'contact.connected', wait, 0)) AS handled_wait_seconds,
    sumMapIf(wait_bucket, type = 'contact.connected') AS handled_wait_buckets,
    toUInt64(countIf(type = 'contact.abandoned')) AS abandoned,
    sum(if(type = 'contact.abandoned', wait, 0)) AS abandon_wait_seconds,
    sumMapIf(wait_bucket, type = 'contact.abandoned') AS abandon_wait_buckets,
    toUInt64(countIf(type = 'contact.ended')) AS handle_count,
    sum(if(type = 'contact.ended', JSONExtractFloat(data, 'talkSeconds'), 0)) AS talk_seconds,
    sum(if(type = 'contact.ended', JSONExtractFloat(data, 'holdSeconds'), 0)) AS hold_seconds,
    sum(if(type = 'contact.ended', JSONExtractFloat(data, 'wrapupSeconds'), 0)) AS wrapup_seconds,
    toUInt64(countIf(type = 'contact.callback-requested')) AS callback_requested,
    sumMapIf(wait_bucket, type = 'contact.callback-requested') AS callback_wait_buckets
FROM raw_events
WHERE type IN ('contact.queued', 'contact.overflowed', 'contact.abandoned', 'contact.callback-requested')
    OR (type = 'contact.connected' AND JSONExtractString(data, 'queueId') != '')
    OR (type = 'contact.ended' AND JSONExtractString(data, 'outcome') = 'handled'
        AND JSONExtractString(data, 'queueId') != '')
GROUP BY tenant, queue_id, channel, interval_start;

DROP VIEW IF EXISTS channel_days_from_queued_v2;

DROP VIEW IF EXISTS channel_days_from_connected;

DROP VIEW IF EXISTS channel_days_from_abandoned;

DROP VIEW IF EXISTS channel_days_from_ended;

DROP VIEW IF EXISTS channel_days_from_csat;

CREATE MATERIALIZED VIEW IF NOT EXISTS channel_days_from_events TO channel_days AS
WITH
    type = 'contact.ended' AND JSONExtractString(data, 'outcome') = 'handled' AS ended_handled,
    if(type = 'csat.survey-answered', JSONExtractUInt(data, 'score'), 0) AS score
SELECT tenant, toDate(time) AS day, channel,
    toUInt64(countIf(type = 'contact.queued')) AS offered,
    toUInt64(countIf(type = 'contact.connected')) AS handled,
    sum(if(type = 'contact.connected', JSONExtractFloat(data, 'waitSeconds'), 0)) AS handled_wait_seconds,
    toUInt64(countIf(type = 'contact.abandoned')) AS abandoned,
    sumMapIf(map(toUInt16(least(ceil(if(type = 'contact.abandoned', JSONExtractFloat(data, 'waitSeconds'), 0)), 3601)),
        toUInt64(1)), type = 'contact.abandoned') AS abandon_wait_buckets,
    toUInt64(countIf(type = 'contact.ended')) AS contacts_ended,
    toUInt64(countIf(type = 'contact.ended' AND JSONExtractBool(data, 'resolved'))) AS resolved,
    toUInt64(countIf(ended_handled)) AS handle_count,
    sum(if(ended_handled, JSONExtractFloat(data, 'talkSeconds') + JSONExtractFloat(data, 'holdSeconds')
        + JSONExtractFloat(data, 'wrapupSeconds'), 0)) AS handle_seconds,
    toUInt64(countIf(type = 'csat.survey-answered')) AS csat_responses,
    toUInt64(countIf(type = 'csat.survey-answered' AND score >= 4)) AS csat_satisfied,
    toUInt64(sum(score)) AS csat_score_sum
FROM raw_events
WHERE (type = 'contact.queued' AND JSONExtractString(data, 'entry') != 'requeue')
    OR (type = 'contact.connected' AND JSONExtractString(data, 'queueId') != '')
    OR type IN ('contact.abandoned', 'contact.ended', 'csat.survey-answered')
GROUP BY tenant, day, channel;

DROP VIEW IF EXISTS agent_days_from_ended;

DROP VIEW IF EXISTS agent_days_from_csat;

DROP VIEW IF EXISTS agent_days_from_ticket_resolved;

DROP VIEW IF EXISTS agent_days_from_qa_flagged;

-- A resolved ticket counts for the agent named in the event (no agent_id filter, as 0009).
CREATE MATERIALIZED VIEW IF NOT EXISTS agent_days_from_events TO agent_days AS
WITH if(type = 'csat.survey-answered', JSONExtractUInt(data, 'score'), 0) AS score
SELECT tenant, toDate(time) AS day,
    if(type = 'ticket.resolved', JSONExtractString(data, 'resolvedByAgentId'), agent_id) AS agent_id,
    toUInt64(countIf(type = 'contact.ended')) AS handled,
    toUInt64(countIf(type = 'contact.ended' AND JSONExtractBool(data, 'resolved'))) AS resolved,
    sum(if(type = 'contact.ended', JSONExtractFloat(data, 'talkSeconds'), 0)) AS talk_seconds,
    sum(if(type = 'contact.ended', JSONExtractFloat(data, 'holdSeconds'), 0)) AS hold_seconds,
    sum(if(type = 'contact.ended', JSONExtractFloat(data, 'wrapupSeconds'), 0)) AS wrapup_seconds,
    toUInt64(countIf(type = 'contact.ended' AND has(JSONExtract(data, 'categories', 'Array(String)'), 'complaint')))
        AS complaints,
    toUInt64(countIf(type = 'csat.survey-answered')) AS csat_responses,
    toUInt64(countIf(type = 'csat.survey-answered' AND score >= 4)) AS csat_satisfied,
    toUInt64(sum(score)) AS csat_score_sum,
    toUInt64(countIf(type = 'ticket.resolved')) AS tickets_resolved,
    toUInt64(countIf(type = 'qa.flagged')) AS qa_flags
FROM raw_events
WHERE (type = 'contact.ended' AND raw_events.agent_id != '' AND JSONExtractString(data, 'outcome') = 'handled')
    OR (type IN ('csat.survey-answered', 'qa.flagged') AND raw_events.agent_id != '')
    OR type = 'ticket.resolved'
GROUP BY tenant, day, agent_id;

DROP VIEW IF EXISTS demand_days_from_ended;

DROP VIEW IF EXISTS demand_days_from_tickets;

DROP VIEW IF EXISTS demand_days_from_ivr;

CREATE MATERIALIZED VIEW IF NOT EXISTS demand_days_from_events TO demand_days AS
SELECT tenant, toDate(time) AS day,
    if(type = 'contact.ivr-exited', 'keyword', 'category') AS kind,
    term,
    if(type = 'ticket.created', 'ticket', channel) AS channel,
    toUInt64(count()) AS contacts
FROM raw_events
ARRAY JOIN
    if(type = 'contact.ivr-exited', [JSONExtractString(data, 'recognizedIntent')],
        arrayDistinct(JSONExtract(data, 'categories', 'Array(String)'))) AS term
WHERE type IN ('contact.ended', 'ticket.created')
    OR (type = 'contact.ivr-exited' AND JSONExtractString(data, 'recognizedIntent') != '')
GROUP BY tenant, day, kind, term, channel;

DROP VIEW IF EXISTS contact_terms_from_text;

DROP VIEW IF EXISTS contact_terms_from_ended;

DROP VIEW IF EXISTS contact_terms_from_tickets;

DROP VIEW IF EXISTS contact_terms_from_ivr;

-- One row per (kind, term) of the event, as 0017's four views wrote them: the text rules' categories
-- and keywords as listed, the source's tags distinct, the IVR's recognised intent.
CREATE MATERIALIZED VIEW IF NOT EXISTS contact_terms_from_events TO contact_terms AS
SELECT tenant, toDate(time) AS day, pair.1 AS kind, pair.2 AS term,
    if(type = 'ticket.created', 'ticket', channel) AS channel,
    if(type = 'ticket.created', JSONExtractString(data, 'ticketNumber'), raw_events.contact_id) AS contact_id,
    multiIf(type = 'demand.categorized', 'text', type = 'contact.ivr-exited', 'ivr', 'tag') AS source
FROM raw_events
ARRAY JOIN
    multiIf(
        type = 'demand.categorized',
        arrayConcat(
            arrayMap(c -> ('category', c), JSONExtract(data, 'categories', 'Array(String)')),
            arrayMap(k -> ('keyword', k), JSONExtract(data, 'keywords', 'Array(String)'))
        ),
        type = 'contact.ivr-exited',
        [('intent', JSONExtractString(data, 'recognizedIntent'))],
        arrayMap(c -> ('category', c), arrayDistinct(JSONExtract(data, 'categories', 'Array(String)')))
    ) AS pair
WHERE type IN ('demand.categorized', 'contact.ended', 'ticket.created')
    OR (type = 'contact.ivr-exited' AND JSONExtractString(data, 'recognizedIntent') != '');

DROP VIEW IF EXISTS ticket_department_days_from_created;

DROP VIEW IF EXISTS ticket_department_days_from_moved_in;

DROP VIEW IF EXISTS ticket_department_days_from_moved_out;

-- A created ticket opens in its department; a move is one row into toDepartment and one out of
-- fromDepartment (0011's two views over ticket.moved).
CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_department_days_from_events TO ticket_department_days AS
SELECT tenant, toDate(time) AS day, flow.1 AS department,
    toUInt64(countIf(flow.2 = 'opened')) AS opened,
    toUInt64(countIf(flow.2 = 'in')) AS moved_in,
    toUInt64(countIf(flow.2 = 'out')) AS moved_out
FROM raw_events
ARRAY JOIN
    if(type = 'ticket.created', [(JSONExtractString(data, 'department'), 'opened')],
        [(JSONExtractString(data, 'toDepartment'), 'in'), (JSONExtractString(data, 'fromDepartment'), 'out')]) AS flow
WHERE type IN ('ticket.created', 'ticket.moved')
GROUP BY tenant, day, department;

DROP VIEW IF EXISTS self_service_from_bot_resolved;

DROP VIEW IF EXISTS self_service_from_bot_handoff;

DROP VIEW IF EXISTS self_service_from_ivr;

-- One row per event, each column as 0016's view for its type wrote it.
CREATE MATERIALIZED VIEW IF NOT EXISTS self_service_from_events TO self_service_sessions AS
SELECT tenant, time AS ended_at, contact_id, channel,
    if(type = 'contact.ivr-exited', 'ivr', 'bot') AS kind,
    if(type = 'contact.ivr-exited', JSONExtractString(data, 'ivrId'), JSONExtractString(data, 'botId')) AS bot_id,
    multiIf(type = 'bot.resolved', 'contained', type = 'bot.handoff', 'handoff',
            JSONExtractString(data, 'exit') = 'self-service', 'contained',
            JSONExtractString(data, 'exit') IN ('queue', 'transfer'), 'handoff', 'gave-up') AS result,
    multiIf(type = 'bot.handoff', JSONExtractString(data, 'reason'),
            type = 'contact.ivr-exited' AND result = 'handoff', concat('ivr-', JSONExtractString(data, 'exit')),
            '') AS reason,
    if(type = 'contact.ivr-exited', JSONExtractString(data, 'recognizedIntent'), JSONExtractString(data, 'intent'))
        AS intent,
    if(type = 'bot.handoff', JSONExtractString(data, 'toQueueId'), '') AS to_queue_id,
    toUInt32(if(type = 'contact.ivr-exited', length(JSONExtract(data, 'menuPath', 'Array(String)')),
        JSONExtractUInt(data, 'botTurns'))) AS turns,
    if(type = 'contact.ivr-exited', JSONExtractFloat(data, 'ivrSeconds'), JSONExtractFloat(data, 'botSeconds'))
        AS seconds,
    id AS event_id
FROM raw_events WHERE type IN ('bot.resolved', 'bot.handoff', 'contact.ivr-exited');

DROP VIEW IF EXISTS tickets_from_created;

DROP VIEW IF EXISTS tickets_from_moved;

DROP VIEW IF EXISTS tickets_from_assigned;

DROP VIEW IF EXISTS tickets_from_resolved;

DROP VIEW IF EXISTS tickets_from_reopened;

DROP VIEW IF EXISTS tickets_from_closed;

-- A ticket's events of one insert folded into one partial row, as the table folds rows (0004): the
-- argMax states take only their types' events (-If), so an assignment adds no department.
CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_from_events TO tickets AS
SELECT tenant, JSONExtractString(data, 'ticketNumber') AS ticket_number,
    max(if(type = 'ticket.created', JSONExtractString(data, 'subject'), '')) AS subject,
    max(if(type = 'ticket.created', JSONExtractString(data, 'priority'), '')) AS priority,
    max(if(type = 'ticket.created', JSONExtractString(data, 'customer', 'customerId'), '')) AS customer_id,
    max(if(type = 'ticket.created', JSONExtractString(data, 'customer', 'phone'), '')) AS customer_phone,
    max(if(type = 'ticket.created', JSONExtractString(data, 'fromContactId'), '')) AS from_contact_id,
    minIf(toNullable(time), type = 'ticket.created') AS created_at,
    argMaxStateIf(
        if(type = 'ticket.created', JSONExtractString(data, 'department'), JSONExtractString(data, 'toDepartment')),
        time, type IN ('ticket.created', 'ticket.moved')) AS department,
    argMaxStateIf(parseDateTime64BestEffortOrZero(JSONExtractString(data, 'dueAt'), 3, 'UTC'), time,
        type IN ('ticket.created', 'ticket.reopened') OR (type = 'ticket.moved' AND JSONHas(data, 'dueAt'))) AS due_at,
    groupUniqArrayArray(multiIf(type = 'ticket.created', [JSONExtractString(data, 'department')],
        type = 'ticket.moved', [JSONExtractString(data, 'toDepartment')], [])) AS departments,
    toUInt64(countIf(type = 'ticket.moved')) AS department_hops,
    argMaxStateIf(JSONExtractString(data, 'assigneeAgentId'), time, type = 'ticket.assigned') AS assignee_agent_id,
    maxIf(toNullable(time), type = 'ticket.resolved') AS resolved_at,
    max(if(type = 'ticket.resolved', JSONExtractString(data, 'resolvedByAgentId'), '')) AS resolved_by,
    maxIf(toNullable(time), type = 'ticket.closed') AS closed_at,
    max(if(type = 'ticket.closed', JSONExtractString(data, 'reason'), '')) AS close_reason,
    toUInt64(countIf(type = 'ticket.reopened')) AS reopens,
    groupUniqArrayArray(if(type = 'ticket.created', JSONExtract(data, 'categories', 'Array(String)'), []))
        AS categories
FROM raw_events
WHERE type IN ('ticket.created', 'ticket.moved', 'ticket.assigned', 'ticket.resolved', 'ticket.reopened',
    'ticket.closed')
GROUP BY tenant, ticket_number;
