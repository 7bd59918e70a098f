-- Distinct contacts per term over whole days [from, to), and all contacts of the range ('' term): a
-- contact that mentions a term on two days counts once here.
SELECT '' AS kind, '' AS term, toUInt32(uniqExact(contact_id)) AS contacts
FROM contact_days
WHERE tenant = {tenant:String}
    AND day >= toDate({from:DateTime64(3, 'UTC')})
    AND day < toDate({to:DateTime64(3, 'UTC')})
UNION ALL
SELECT kind, term, toUInt32(uniqExact(contact_id)) AS contacts
FROM contact_terms
WHERE tenant = {tenant:String}
    AND day >= toDate({from:DateTime64(3, 'UTC')})
    AND day < toDate({to:DateTime64(3, 'UTC')})
    AND ({kind:String} = '' OR kind = {kind:String})
GROUP BY kind, term
