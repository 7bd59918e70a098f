-- Staffed agent-seconds per 15-minute interval, for Erlang C's "agents staffed" beside "agents needed".
-- Staffed means on queue: in the ready state. Busy and wrap-up are not agent states here (they follow
-- from contacts), so ready time includes handling, which is what Erlang C's N counts (agents taking
-- or able to take contacts). Signed in but not yet ready, not ready (breaks, training, ring timeouts)
-- and signed out are off queue. An interval ends at the agent's next change or at {until} (the range
-- end, or now when the range reaches into the future), and pieces are clipped to [from, until).
-- Agents staffed in an interval = agent-seconds / the interval's seconds (src/reports/staffed.ts).
--
-- Rows per interval and skill profile: the agent's newest skills (agent.signed-in or
-- agent.skills-changed before {until}), so a caller can count the agents a queue's skills admit
-- without one row per agent. A later skill change re-labels earlier intervals (as agent_teams does).
-- A ready state that began more than 31 days before {from} with no change since is not seen.
WITH
    -- Each agent's last change before {from} (what it was doing when the range began: within 31
    -- days, so a long ready shift is seen without reading all history) and every change in the range.
    changes AS (
        SELECT agent_id, state, started_at,
            leadInFrame(started_at, 1, {until:DateTime64(3, 'UTC')})
                OVER (PARTITION BY agent_id ORDER BY started_at ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS ended_at
        FROM
        (
            -- Aliases differ from the columns: ClickHouse would read an alias named started_at
            -- back into the WHERE clause.
            SELECT agent_id, last_state AS state, last_at AS started_at
            FROM
            (
                SELECT agent_id, argMax(state, started_at) AS last_state, max(started_at) AS last_at
                FROM agent_state_changes
                WHERE tenant = {tenant:String}
                    AND started_at >= {from:DateTime64(3, 'UTC')} - INTERVAL 31 DAY
                    AND started_at < {from:DateTime64(3, 'UTC')}
                GROUP BY agent_id
            )
            UNION ALL
            SELECT agent_id, state, started_at
            FROM agent_state_changes
            WHERE tenant = {tenant:String}
                AND started_at >= {from:DateTime64(3, 'UTC')}
                AND started_at < {until:DateTime64(3, 'UTC')}
        )
    ),
    ready AS (
        SELECT agent_id,
            greatest(started_at, {from:DateTime64(3, 'UTC')}) AS piece_start,
            least(ended_at, {until:DateTime64(3, 'UTC')}) AS piece_end
        FROM changes
        WHERE state = 'ready' AND piece_end > piece_start
    ),
    slots AS (
        SELECT agent_id, piece_start, piece_end,
            arrayJoin(range(
                toUInt32(intDiv(toUnixTimestamp64Milli(piece_start), 900000)),
                toUInt32(intDiv(toUnixTimestamp64Milli(piece_end) - 1, 900000) + 1)
            )) AS slot
        FROM ready
    ),
    skills AS (
        SELECT agent_id,
            argMax(arraySort(s -> JSONExtractString(s, 'skill'), JSONExtractArrayRaw(data, 'skills')), time) AS profile
        FROM raw_events
        WHERE tenant = {tenant:String}
            AND type IN ('agent.signed-in', 'agent.skills-changed')
            AND time < {until:DateTime64(3, 'UTC')}
            AND agent_id IN (SELECT agent_id FROM ready)
        GROUP BY agent_id
    )
SELECT
    toUInt32(slot * 900) AS interval_start,
    arrayMap(s -> JSONExtractString(s, 'skill'), skills.profile) AS skill_names,
    arrayMap(s -> toUInt32(JSONExtractUInt(s, 'level')), skills.profile) AS skill_levels,
    toUInt32(uniqExact(slots.agent_id)) AS agents_seen,
    sum(dateDiff('millisecond',
        greatest(piece_start, toDateTime64(slot * 900, 3, 'UTC')),
        least(piece_end, toDateTime64((slot + 1) * 900, 3, 'UTC')))) / 1000 AS agent_seconds
FROM slots LEFT JOIN skills ON slots.agent_id = skills.agent_id
GROUP BY interval_start, skill_names, skill_levels
-- ORDER BY interval_start: intervals left to right, profiles in a stable order for tests.
ORDER BY interval_start, skill_names, skill_levels
SETTINGS join_use_nulls = 0
