-- Contacts per term and UTC day over whole days [from, to) (kind '' = every kind), beside the day's
-- contacts: the share of contacts that mention a term, day by day.
WITH
    totals AS (
        SELECT day, uniqExact(contact_id) AS day_contacts
        FROM contact_days
        WHERE tenant = {tenant:String}
            AND day >= toDate({from:DateTime64(3, 'UTC')})
            AND day < toDate({to:DateTime64(3, 'UTC')})
        GROUP BY day
    ),
    terms AS (
        SELECT kind, term, day, uniqExact(contact_id) AS term_contacts
        FROM contact_terms
        WHERE tenant = {tenant:String}
            AND day >= toDate({from:DateTime64(3, 'UTC')})
            AND day < toDate({to:DateTime64(3, 'UTC')})
            AND ({kind:String} = '' OR kind = {kind:String})
        GROUP BY kind, term, day
    )
SELECT 'day' AS row_type, '' AS kind, '' AS term, toString(day) AS day, toUInt32(day_contacts) AS contacts
FROM totals
UNION ALL
SELECT 'term' AS row_type, kind, term, toString(day) AS day, toUInt32(term_contacts) AS contacts
FROM terms
ORDER BY row_type, kind, term, day
