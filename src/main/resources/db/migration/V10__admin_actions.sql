-- The admin's view (/admin/sync): who did an action (an admin acting on another user's connection), and which
-- connections an admin paused. The pause is its own table, not calendar_syncs.paused_at: that column is the
-- mass-deletion safeguard's, whose page lets the calendar's owner lift it, and it is per calendar, so a calendar
-- followed later would start unpaused.
alter table sync_log add column actor_id bigint references users (id) on delete set null;

create table connection_pauses (
    connection_id bigint primary key,  -- calendar_connections is the connections module's: no foreign key
    paused_at     timestamptz not null,
    paused_by     bigint references users (id) on delete set null
);
