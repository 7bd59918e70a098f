-- Demand over whole UTC days [from, to): contacts per category or keyword, its share of its kind, and
-- the daily series for trends.
SELECT
    kind,
    term,
    toUInt32(sum(day_contacts)) AS contacts,
    sum(day_contacts) / sum(sum(day_contacts)) OVER (PARTITION BY kind) AS share,
    arraySort(groupArray((toString(day), toUInt32(day_contacts)))) AS daily
FROM
(
    SELECT kind, term, day, sum(contacts) AS day_contacts
    FROM demand_days
    WHERE tenant = {tenant:String}
        AND day >= toDate({from:DateTime64(3, 'UTC')})
        AND day < toDate({to:DateTime64(3, 'UTC')})
    GROUP BY kind, term, day
)
GROUP BY kind, term
ORDER BY kind, contacts DESC, term
