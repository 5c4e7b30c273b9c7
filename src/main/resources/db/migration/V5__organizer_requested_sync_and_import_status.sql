-- Events the connected account may not change in Google: its organizer is someone else (google_invited_by, V4) and
-- guests may not modify it (Google takes no change of title, time or guests from such a guest). Recorded by inbound
-- sync from the event.
alter table crm_tasks add column google_guests_can_modify boolean not null default false;
-- A person asked for this task to be sent now ("Sync all existing tasks", "Sync now"): it goes even while the
-- connection's auto-sync is off. Cleared once the worker has settled it.
alter table crm_tasks add column sync_requested boolean not null default false;
-- Import of external events turned on (or its calendar changed while on): when that was asked, and when the full read
-- it asked for was done; the settings page says "reading…" in between, then what came in.
alter table calendar_syncs add column import_requested_at timestamptz;
alter table calendar_syncs add column import_read_at timestamptz;
