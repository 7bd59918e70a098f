-- QA flags per agent, UTC day and rule category over whole days [from, to), with the agent's team and
-- how many of them reviewers confirmed or rejected (latest verdict per flag wins). Flags count by the
-- day they were raised; uniqExact on flag_id so a flag stored twice still counts once.
WITH
    verdicts AS (
        SELECT flag_id, argMax(verdict, reviewed_at) AS verdict
        FROM qa_flag_reviews
        WHERE tenant = {tenant:String}
        GROUP BY flag_id
    ),
    teams AS (
        SELECT agent_id, argMax(team_id, signed_in_at) AS team_id
        FROM agent_teams
        WHERE tenant = {tenant:String}
        GROUP BY agent_id
    )
SELECT
    toString(toDate(f.flagged_at)) AS day,
    f.agent_id AS agent_id,
    t.team_id AS team_id,
    f.category AS category,
    toUInt32(uniqExact(f.flag_id)) AS flags,
    toUInt32(uniqExactIf(f.flag_id, v.verdict = 'confirmed')) AS confirmed,
    toUInt32(uniqExactIf(f.flag_id, v.verdict = 'false-positive')) AS false_positives
FROM qa_flags AS f
LEFT JOIN verdicts AS v ON f.flag_id = v.flag_id
LEFT JOIN teams AS t ON f.agent_id = t.agent_id
WHERE f.tenant = {tenant:String}
    AND f.agent_id != ''
    AND f.flagged_at >= toDateTime64(toDate({from:DateTime64(3, 'UTC')}), 3, 'UTC')
    AND f.flagged_at < toDateTime64(toDate({to:DateTime64(3, 'UTC')}), 3, 'UTC')
GROUP BY day, agent_id, team_id, category
ORDER BY day, agent_id, category
SETTINGS join_use_nulls = 0
