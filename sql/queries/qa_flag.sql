-- One QA flag by id (what a review is about): its contact, channel and agent.
SELECT flag_id, contact_id, channel, agent_id, rule_id, category
FROM qa_flags
WHERE tenant = {tenant:String} AND flag_id = {flagId:String}
LIMIT 1
