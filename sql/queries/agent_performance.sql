-- Agent scorecards over whole UTC days [from, to): handled, handle time, resolution, CSAT,
-- complaints, tickets resolved, QA flags from agent_days; ready seconds from the state-change
-- intervals (an interval ends at the agent's next change), clipped to the range. Busy is not an
-- agent state (it follows from contacts), so ready time includes handling: occupancy = handle / ready.
WITH
    intervals AS (
        SELECT agent_id, state, started_at,
            leadInFrame(started_at, 1, {to:DateTime64(3, 'UTC')})
                OVER (PARTITION BY agent_id ORDER BY started_at ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS ended_at
        FROM agent_state_changes
        WHERE tenant = {tenant:String}
            AND started_at >= {from:DateTime64(3, 'UTC')} - INTERVAL 1 DAY
            AND started_at < {to:DateTime64(3, 'UTC')}
    ),
    ready AS (
        SELECT agent_id,
            sum(greatest(0, dateDiff('millisecond', greatest(started_at, {from:DateTime64(3, 'UTC')}), least(ended_at, {to:DateTime64(3, 'UTC')})))) / 1000 AS ready_seconds
        FROM intervals
        WHERE state = 'ready'
        GROUP BY agent_id
    ),
    days AS (
        SELECT agent_id,
            toUInt32(sum(handled)) AS handled,
            toUInt32(sum(resolved)) AS resolved,
            sum(talk_seconds) + sum(hold_seconds) + sum(wrapup_seconds) AS handle_seconds,
            toUInt32(sum(complaints)) AS complaints,
            toUInt32(sum(csat_responses)) AS csat_responses,
            toUInt32(sum(csat_satisfied)) AS csat_satisfied,
            toUInt32(sum(csat_score_sum)) AS csat_score_sum,
            toUInt32(sum(tickets_resolved)) AS tickets_resolved,
            toUInt32(sum(qa_flags)) AS qa_flags
        FROM agent_days
        WHERE tenant = {tenant:String}
            AND day >= toDate({from:DateTime64(3, 'UTC')})
            AND day < toDate({to:DateTime64(3, 'UTC')})
        GROUP BY agent_id
    )
SELECT
    if(days.agent_id != '', days.agent_id, ready.agent_id) AS agent_id,
    days.handled AS handled, days.resolved AS resolved, days.handle_seconds AS handle_seconds,
    days.complaints AS complaints, days.csat_responses AS csat_responses, days.csat_satisfied AS csat_satisfied,
    days.csat_score_sum AS csat_score_sum, days.tickets_resolved AS tickets_resolved, days.qa_flags AS qa_flags,
    ready.ready_seconds AS ready_seconds
FROM days FULL OUTER JOIN ready ON days.agent_id = ready.agent_id
ORDER BY agent_id
SETTINGS join_use_nulls = 0
