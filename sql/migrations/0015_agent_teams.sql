-- The team each agent signs in with (agent.signed-in teamId), for team scorecards. Only the latest
-- team per agent is kept: a move to another team re-labels the agent's history, which is what a
-- team lead asks for ("how is my team doing"), not what the team was on each past day.
-- ReplacingMergeTree(signed_in_at) keeps the newest row per key after merges; queries still take
-- argMax(team_id, signed_in_at) so they are right before a merge too (no FINAL).
CREATE TABLE IF NOT EXISTS agent_teams
(
    tenant LowCardinality(String),
    agent_id String,
    team_id String,
    signed_in_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(signed_in_at)
-- ORDER BY (tenant, agent_id): one row per agent is the dedup key, and scorecards look agents up by id.
ORDER BY (tenant, agent_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_teams_from_signed_in TO agent_teams AS
SELECT tenant, agent_id, JSONExtractString(data, 'teamId') AS team_id, time AS signed_in_at
FROM raw_events WHERE type = 'agent.signed-in' AND JSONExtractString(data, 'teamId') != '';

-- Sign-ins stored before this migration: the view above only sees new inserts. Re-running it is
-- harmless (the engine keeps one row per agent).
INSERT INTO agent_teams
SELECT tenant, agent_id, JSONExtractString(data, 'teamId') AS team_id, time AS signed_in_at
FROM raw_events WHERE type = 'agent.signed-in' AND JSONExtractString(data, 'teamId') != '';
