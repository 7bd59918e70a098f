-- Bot and IVR sessions per UTC day, kind and channel over [from, to): each contact once per kind, with
-- its last outcome there (contained, handoff, gave-up) and the seconds it spent.
WITH
    sessions AS (
        SELECT kind, contact_id, any(channel) AS session_channel, max(ended_at) AS last_at,
            argMax(result, ended_at) AS outcome, argMax(seconds, ended_at) AS spent
        FROM self_service_sessions
        WHERE tenant = {tenant:String}
            AND ended_at >= {from:DateTime64(3, 'UTC')}
            AND ended_at < {to:DateTime64(3, 'UTC')}
        GROUP BY kind, contact_id
    )
SELECT
    toString(toDate(last_at)) AS day,
    kind,
    session_channel AS channel,
    toUInt32(count()) AS sessions,
    toUInt32(countIf(outcome = 'contained')) AS contained,
    toUInt32(countIf(outcome = 'handoff')) AS handoffs,
    toUInt32(countIf(outcome = 'gave-up')) AS gave_up,
    sum(spent) AS seconds
FROM sessions
GROUP BY day, kind, session_channel
ORDER BY day, kind, session_channel
