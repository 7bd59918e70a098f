-- Contacts handled per agent and UTC day over whole days [from, to) (agent_days: contact.ended with
-- outcome handled), with the agent's latest team: the denominator of QA hits per 100 contacts.
WITH
    teams AS (
        SELECT agent_id, argMax(team_id, signed_in_at) AS team_id
        FROM agent_teams
        WHERE tenant = {tenant:String}
        GROUP BY agent_id
    )
SELECT
    toString(d.day) AS day,
    d.agent_id AS agent_id,
    t.team_id AS team_id,
    toUInt32(sum(d.handled)) AS handled
FROM agent_days AS d
LEFT JOIN teams AS t ON d.agent_id = t.agent_id
WHERE d.tenant = {tenant:String}
    AND d.day >= toDate({from:DateTime64(3, 'UTC')})
    AND d.day < toDate({to:DateTime64(3, 'UTC')})
GROUP BY day, agent_id, team_id
HAVING handled > 0
ORDER BY day, agent_id
SETTINGS join_use_nulls = 0
