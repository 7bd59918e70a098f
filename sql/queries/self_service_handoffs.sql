-- Hand-offs from a bot or the IVR over [from, to) by reason, and what followed for the contact (from
-- `contacts`, folded by id): answered or abandoned, queue wait of the answered ones, resolution,
-- survey, and whether the answering agent is senior (top skill level >= {seniorLevel}).
WITH
    handoffs AS (
        SELECT kind, contact_id, argMax(reason, ended_at) AS last_reason
        FROM self_service_sessions
        WHERE tenant = {tenant:String}
            AND ended_at >= {from:DateTime64(3, 'UTC')}
            AND ended_at < {to:DateTime64(3, 'UTC')}
        GROUP BY kind, contact_id
        HAVING argMax(result, ended_at) = 'handoff'
    ),
    after AS (
        SELECT contact_id, max(agent_id) AS agent_id, max(wait_seconds) AS wait_seconds, max(outcome) AS outcome,
            max(resolved) AS resolved, max(csat_score) AS csat_score
        FROM contacts
        WHERE tenant = {tenant:String} AND contact_id IN (SELECT contact_id FROM handoffs)
        GROUP BY contact_id
    ),
    levels AS (
        SELECT agent_id, argMax(top_level, changed_at) AS top_level
        FROM agent_levels
        WHERE tenant = {tenant:String}
        GROUP BY agent_id
    )
SELECT
    h.kind AS kind,
    h.last_reason AS reason,
    toUInt32(count()) AS handoffs,
    toUInt32(countIf(a.outcome = 'handled')) AS handled,
    toUInt32(countIf(a.outcome = 'abandoned')) AS abandoned,
    sumIf(a.wait_seconds, a.outcome = 'handled') AS handled_wait_seconds,
    toUInt32(countIf(a.outcome = 'handled' AND a.resolved = 1)) AS resolved,
    toUInt32(countIf(a.csat_score IS NOT NULL)) AS csat_responses,
    toUInt32(countIf(a.csat_score >= 4)) AS csat_satisfied,
    toUInt32(sum(ifNull(a.csat_score, 0))) AS csat_score_sum,
    toUInt32(countIf(a.outcome = 'handled' AND l.top_level >= {seniorLevel:UInt8})) AS senior
FROM handoffs AS h
LEFT JOIN after AS a ON h.contact_id = a.contact_id
LEFT JOIN levels AS l ON a.agent_id = l.agent_id
GROUP BY kind, reason
ORDER BY kind, handoffs DESC, reason
SETTINGS join_use_nulls = 0
