-- The etag of an event version inbound sync read while the outbound worker's write of the task was under way (the
-- task PENDING, or its insert not recorded yet), and left to the worker. The worker's answer makes the task SYNCED
-- only when it is that version: an older answer (a slow batch) is checked against Google again, so a change made
-- in Google in between is not lost behind it.
alter table crm_tasks add column google_etag_seen varchar(255);
-- When Google last modified the event version recorded on the task (Google's clock, from the event's "updated"):
-- inbound sync skips a version older than that, read by a list made before the worker's answer or merge.
alter table crm_tasks add column google_updated timestamptz;
