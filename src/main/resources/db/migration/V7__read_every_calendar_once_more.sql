-- Links made in Google before V4/V5 do not know who organizes their event (google_invited_by) or whether its guests
-- may change it, so an invitation from someone else would look editable and offer "delete" instead of "decline".
-- Inbound sync learns both from any read of the event, also an unchanged one; dropping the sync token makes the next
-- run of every followed calendar one full read (as after Google's 410), which reads each event once.
update calendar_syncs set sync_token = null where sync_token is not null;
