-- Who made a task's event: CALBRIDGE (it inserted it, an insert whose answer was lost and that it took back
-- included) or GOOGLE (someone made it in Google and it was imported). Every destructive path reads it:
-- CalBridge removes only its own events, and never mails the guests of someone else's meeting.
-- Null while the task has no event. It is a fact of the link, so it moves with the other google_* columns.
alter table crm_tasks add column event_origin varchar(16) check (event_origin in ('CALBRIDGE', 'GOOGLE'));
-- The organizer of an imported invitation, when it is someone other than the connected account: a guest cannot
-- delete (or change) someone else's meeting, only decline it. Null for events the account organizes.
alter table crm_tasks add column google_invited_by varchar(254);
-- What the person chose for the event when deleting the task (KEEP, DELETE or DECLINE), kept on the tombstone so
-- the outbound worker, which acts later and maybe after a restart, does exactly that.
alter table crm_tasks add column deleted_event_choice varchar(16)
    check (deleted_event_choice in ('KEEP', 'DELETE', 'DECLINE'));

-- Back-fill. CalBridge's own event ids are derived from the task: "cb" + the task id in base 32 + "t" + its creation
-- instant (EventIds.forTask). An imported task never has such an id for itself; everything else came from Google.
create function pg_temp.base32(n bigint) returns text language plpgsql immutable as $$
declare
    digits constant text := '0123456789abcdefghijklmnopqrstuv';
    rest bigint := n;
    result text := '';
begin
    if rest = 0 then
        return '0';
    end if;
    while rest > 0 loop
        result := substr(digits, (rest % 32)::int + 1, 1) || result;
        rest := rest / 32;
    end loop;
    return result;
end $$;

update crm_tasks
set event_origin = case
        when not imported_from_google and google_event_id like 'cb' || pg_temp.base32(id) || 't%' then 'CALBRIDGE'
        else 'GOOGLE'
    end
where google_event_id is not null;

-- A link always says who made its event.
alter table crm_tasks add constraint crm_tasks_link_has_origin
    check (google_event_id is null or event_origin is not null);

drop function pg_temp.base32(bigint);
