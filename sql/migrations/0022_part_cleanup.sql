-- Outdated parts (the inputs of a finished merge) are removed by each table's cleanup task. By
-- default it paces itself for a server with few, large inserts: it sleeps 30 s after a pass that
-- removed many parts and up to 5 minutes after one that removed few, and wakes early only once 300
-- are waiting. The sink writes every table about once a second and the merges that follow leave a
-- few outdated parts per table per pass, so the task kept backing off while they piled up: in the
-- 200-agent load run chdb held 1,300 outdated parts after 160 s and its tracked memory grew ~0.2 MB/s
-- with them (each part's metadata, checksums and index stay loaded until the part is removed).
--
-- Here a pass follows the last one within 5-30 s, and 40 waiting parts wake it early. The adaptive
-- pacing stays on (preferred points > 0): with it off the engine adds its random delay to the sleep
-- on every pass without resetting it, so the passes drift further apart the longer the table lives.
--
-- old_parts_lifetime is left to the engine: it is how long a merge's inputs are kept in case the
-- merged part did not reach the disk before a crash, a durability choice per deployment (chdb ships
-- 0, a ClickHouse server 480 s); this file only stops removal from lagging behind it.
-- starboard_migrations is written once per migration and needs none of this.

ALTER TABLE agent_days MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE agent_levels MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE agent_state_changes MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE agent_teams MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE channel_days MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE chat_first_response_days MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE contact_days MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE contact_terms MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE contacts MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE customer_contacts MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE demand_days MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE qa_flag_reviews MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE qa_flags MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE queue_intervals MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE raw_events MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE self_service_sessions MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE supervisor_actions MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE ticket_department_days MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
ALTER TABLE tickets MODIFY SETTING cleanup_delay_period = 5, max_cleanup_delay_period = 30, cleanup_delay_period_random_add = 2, cleanup_thread_preferred_points_per_iteration = 20;
