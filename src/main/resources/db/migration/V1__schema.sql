-- The whole CalBridge data model (DESIGN.md §3). Later changes come as new migrations; never edit this one.

create table users (
    id            bigserial primary key,
    email         varchar(254) not null,
    display_name  varchar(100) not null,
    password_hash varchar(100) not null,
    role          varchar(16)  not null default 'USER' check (role in ('ADMIN', 'USER')),
    created_at    timestamptz  not null default now()
);
-- Emails are compared case-insensitively: "Ana@Example.com" and "ana@example.com" are one account.
create unique index users_email_key on users (lower(email));

create table google_integrations (
    id            bigserial primary key,
    user_id       bigint       not null references users (id) on delete cascade,
    name          varchar(100) not null,
    client_id     varchar(255) not null,
    client_secret text         not null, -- encrypted at rest (jasypt)
    status        varchar(16)  not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
    uses_emulator boolean      not null default false,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    version       bigint       not null default 0,
    unique (user_id, name)
);

create table calendar_connections (
    id                     bigserial primary key,
    user_id                bigint       not null references users (id) on delete cascade,
    integration_id         bigint       not null references google_integrations (id) on delete restrict,
    google_account_email   varchar(254) not null,
    access_token           text,        -- encrypted at rest
    refresh_token          text,        -- encrypted at rest
    token_issued_at        timestamptz,
    token_expires_at       timestamptz,
    granted_scopes         text,
    default_calendar_id    varchar(1024),
    auto_sync              boolean      not null default true,
    import_external_events boolean      not null default false,
    deletion_rule          varchar(16)  not null default 'CANCEL_TASK'
                               check (deletion_rule in ('CANCEL_TASK', 'UNLINK', 'DELETE_TASK')),
    task_type_colors       jsonb        not null default '{}'::jsonb,
    state                  varchar(16)  not null default 'ACTIVE'
                               check (state in ('ACTIVE', 'NEEDS_REAUTH', 'DISCONNECTED')),
    last_error             text,
    connected_at           timestamptz  not null default now(),
    updated_at             timestamptz  not null default now(),
    version                bigint       not null default 0
);
-- One connection per (user, Google account): connecting the same account again updates it.
create unique index calendar_connections_account_key on calendar_connections (user_id, lower(google_account_email));

create table calendar_syncs (
    id                      bigserial primary key,
    connection_id           bigint        not null references calendar_connections (id) on delete cascade,
    calendar_id             varchar(1024) not null,
    calendar_summary        varchar(255),
    sync_token              text,
    last_full_sync_at       timestamptz,
    last_incremental_at     timestamptz,
    inbound_requested_at    timestamptz,   -- set by the webhook, cleared by the inbound worker
    next_poll_at            timestamptz,   -- safety net and polling of calendars that refuse watch
    watch_supported         boolean       not null default true,
    -- Mass-deletion safeguard: a run that would remove too much pauses here until the user decides.
    paused_at               timestamptz,
    pause_reason            text,
    pending_removals        jsonb,
    created_at              timestamptz   not null default now(),
    unique (connection_id, calendar_id)
);
create index calendar_syncs_requested_idx on calendar_syncs (inbound_requested_at)
    where inbound_requested_at is not null and paused_at is null;
create index calendar_syncs_poll_idx on calendar_syncs (next_poll_at) where paused_at is null;

create table push_channels (
    id                  uuid primary key, -- the channel id sent to Google: random, never reused
    calendar_sync_id    bigint       not null references calendar_syncs (id) on delete cascade,
    resource_id         varchar(255),
    resource_uri        text,
    token_hash          varchar(128) not null, -- SHA-256 of the channel token; the token itself is never stored
    expires_at          timestamptz  not null,
    last_message_number bigint       not null default 0,
    created_at          timestamptz  not null default now(),
    stopped_at          timestamptz
);
create index push_channels_live_idx on push_channels (calendar_sync_id) where stopped_at is null;
create index push_channels_expiry_idx on push_channels (expires_at) where stopped_at is null;

create table crm_tasks (
    id                    bigserial primary key,
    user_id               bigint       not null references users (id) on delete cascade,
    version               bigint       not null default 0,
    title                 varchar(255) not null,
    description           text,
    notes                 text,
    type                  varchar(16)  not null default 'TASK'
                              check (type in ('CALL', 'EMAIL', 'MEETING', 'TASK', 'FOLLOW_UP')),
    priority              varchar(16)  not null default 'MEDIUM' check (priority in ('LOW', 'MEDIUM', 'HIGH')),
    status                varchar(16)  not null default 'PENDING'
                              check (status in ('PENDING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    -- Every task occupies [start_at, end_at) in time, planned in the IANA zone time_zone. For all-day
    -- tasks the dates are what counts; start_at/end_at then hold the days' bounds in that zone, so
    -- lists and filters sort and compare one column.
    all_day               boolean      not null default false,
    start_at              timestamptz  not null,
    end_at                timestamptz  not null,
    -- All-day tasks: end_date is INCLUSIVE, as a person reads it (Google's exclusive end is made at the edge).
    start_date            date,
    end_date              date,
    time_zone             varchar(64)  not null default 'UTC',
    contact_name          varchar(255),
    deal_name             varchar(255),
    attendees             jsonb        not null default '[]'::jsonb, -- [{email, name, responseStatus}]
    include_google_meet   boolean      not null default false,
    -- Sync
    sync_to_calendar      boolean      not null default true,
    selected_calendar_id  varchar(1024),
    google_connection_id  bigint       references calendar_connections (id) on delete set null,
    google_event_id       varchar(1024),
    google_calendar_id    varchar(1024),
    google_etag           varchar(255),
    google_synced_at      timestamptz,
    google_recurring_event_id varchar(1024),
    imported_from_google  boolean      not null default false,
    sync_state            varchar(16)  not null default 'NONE'
                              check (sync_state in ('NONE', 'PENDING', 'SYNCED', 'FAILED', 'CONFLICT')),
    sync_attempts         integer      not null default 0,
    sync_next_attempt_at  timestamptz,
    sync_last_error       text,
    synced_snapshot       jsonb,       -- the fields as last agreed with Google: the base of a three-way merge
    conflict_data         jsonb,       -- {base, local, remote} while sync_state = CONFLICT
    google_meet_link      varchar(512),
    google_meet_id        varchar(255),
    meet_request_id       varchar(64), -- stable per task, so updates never create a second conference
    deleted_at            timestamptz, -- a tombstone until its event is removed
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now(),
    check (title <> ''),
    check (end_at >= start_at),
    check (not all_day or (start_date is not null and end_date is not null and end_date >= start_date)),
    check (sync_state <> 'CONFLICT' or conflict_data is not null)
);
-- The task list: one user's live tasks in start order.
create index crm_tasks_user_start_idx on crm_tasks (user_id, start_at, id)
    where deleted_at is null;
-- The outbound worker's claim query: due PENDING tasks only.
create index crm_tasks_due_idx on crm_tasks (sync_next_attempt_at) where sync_state = 'PENDING';
-- Exactly one task per event.
create unique index crm_tasks_event_key on crm_tasks (google_calendar_id, google_event_id)
    where google_event_id is not null;
create index crm_tasks_connection_idx on crm_tasks (google_connection_id) where google_connection_id is not null;
create index crm_tasks_tombstone_idx on crm_tasks (deleted_at) where deleted_at is not null;

create table sync_log (
    id            bigserial primary key,
    user_id       bigint      references users (id) on delete cascade,
    task_id       bigint,     -- no foreign key: the entry outlives a purged tombstone
    connection_id bigint,
    calendar_id   varchar(1024),
    direction     varchar(16) not null check (direction in ('OUTBOUND', 'INBOUND', 'PUSH', 'CONNECTION')),
    action        varchar(32) not null,
    outcome       varchar(16) not null check (outcome in ('OK', 'SKIPPED', 'RETRY', 'FAILED', 'CONFLICT')),
    detail        text,
    at            timestamptz not null default now()
);
create index sync_log_task_idx on sync_log (task_id, at desc);
create index sync_log_user_idx on sync_log (user_id, at desc);
create index sync_log_at_idx on sync_log (at);

-- ShedLock: each schedule runs once across several instances.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
