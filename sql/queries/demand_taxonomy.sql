-- The newest demand taxonomy saved through the API (demand.taxonomy-saved), if any. Scanners apply
-- the newest by time too; the id breaks a tie the same way for every reader.
SELECT data, time AS saved_at
FROM raw_events
WHERE tenant = {tenant:String} AND type = 'demand.taxonomy-saved'
ORDER BY time DESC, id DESC
LIMIT 1
