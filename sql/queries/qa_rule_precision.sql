-- Per QA rule over flags raised in [from, to): flags, and the reviewers' latest verdicts. Precision
-- (confirmed / (confirmed + false positive)) is computed by the caller, which also decides what an
-- unreviewed rule shows.
WITH
    verdicts AS (
        SELECT flag_id, argMax(verdict, reviewed_at) AS verdict
        FROM qa_flag_reviews
        WHERE tenant = {tenant:String}
        GROUP BY flag_id
    )
SELECT
    f.rule_id AS rule_id,
    any(f.category) AS category,
    toUInt32(uniqExact(f.flag_id)) AS flags,
    toUInt32(uniqExactIf(f.flag_id, v.verdict = 'confirmed')) AS confirmed,
    toUInt32(uniqExactIf(f.flag_id, v.verdict = 'false-positive')) AS false_positives
FROM qa_flags AS f
LEFT JOIN verdicts AS v ON f.flag_id = v.flag_id
WHERE f.tenant = {tenant:String}
    AND f.flagged_at >= {from:DateTime64(3, 'UTC')}
    AND f.flagged_at < {to:DateTime64(3, 'UTC')}
GROUP BY rule_id
ORDER BY rule_id
SETTINGS join_use_nulls = 0
