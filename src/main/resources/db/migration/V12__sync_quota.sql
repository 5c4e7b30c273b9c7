-- Google quota pacing (sync module): Bucket4j's token buckets, one row per Google project (OAuth client) and one per
-- Google account of a project, shared by every instance so together they stay under Google's limits. Keys are hashed:
-- the table holds no email. expires_at (epoch millis) is when a bucket is full again; the cleanup schedule removes
-- such rows.
create table sync_quota (
    id         text primary key,
    state      bytea,
    expires_at bigint
);

create index sync_quota_expires_at on sync_quota (expires_at);
