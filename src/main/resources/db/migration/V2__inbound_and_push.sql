-- Inbound sync and push channels (V1 already has calendar_syncs and push_channels).
-- watched_until: expiry of the live push channel, set by the push module; null = this calendar is polled.
-- The inbound worker reads it to choose the safety-net interval (hourly when watched, minutes when polled).
alter table calendar_syncs add column watched_until timestamptz;
-- Why the last watch failed (a refused watch, an unreachable Google); shown on the settings page.
alter table calendar_syncs add column watch_error text;
-- A run in progress: other workers and instances pass the calendar by until then (a dead worker's lease runs out).
alter table calendar_syncs add column claimed_until timestamptz;
alter table calendar_syncs add column last_error text;
-- Channels whose renewal failed are tried again from this time on.
alter table push_channels add column renew_after timestamptz;
-- Coalescing: inbound_requested_at keeps the first notification of a burst, last_notified_at the latest; the worker
-- waits for a short quiet spell (or a bounded delay), so a burst of pushes becomes one events.list.
alter table calendar_syncs add column last_notified_at timestamptz;
