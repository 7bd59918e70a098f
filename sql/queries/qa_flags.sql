-- QA flags raised in [from, to), newest first, with the latest reviewer verdict ('' = not reviewed).
SELECT
    f.flag_id AS flag_id,
    f.flagged_at AS flagged_at,
    f.contact_id AS contact_id,
    f.channel AS channel,
    f.agent_id AS agent_id,
    f.rule_id AS rule_id,
    f.category AS category,
    f.severity AS severity,
    f.side AS side,
    f.location_type AS location_type,
    f.location_id AS location_id,
    f.char_start AS char_start,
    f.char_end AS char_end,
    toUInt32(f.offset_ms) AS offset_ms,
    f.matched_text AS matched_text,
    r.verdict AS verdict
FROM qa_flags AS f
LEFT JOIN
(
    SELECT flag_id, argMax(verdict, reviewed_at) AS verdict
    FROM qa_flag_reviews
    WHERE tenant = {tenant:String}
    GROUP BY flag_id
) AS r ON f.flag_id = r.flag_id
WHERE f.tenant = {tenant:String}
    AND f.flagged_at >= {from:DateTime64(3, 'UTC')}
    AND f.flagged_at < {to:DateTime64(3, 'UTC')}
ORDER BY f.flagged_at DESC, f.flag_id
LIMIT {limit:UInt32}
SETTINGS join_use_nulls = 0
