-- The audit trail of supervisor actions in [from, to), newest first, a page at a time.
SELECT
    time,
    event_id,
    action,
    actor_id,
    role,
    mode,
    outcome,
    reason,
    command_id,
    contact_id,
    agent_id,
    count() OVER () AS total
FROM supervisor_actions
WHERE tenant = {tenant:String}
    AND time >= {from:DateTime64(3, 'UTC')}
    AND time < {to:DateTime64(3, 'UTC')}
ORDER BY time DESC, event_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
