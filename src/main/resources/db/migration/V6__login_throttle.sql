-- Login throttling (accounts module): Bucket4j's token buckets, one row per hashed key (an account from one address,
-- or one address), shared by every instance. expires_at (epoch millis) is when a bucket is full again, after which
-- its row is removed by the cleanup schedule.
create table login_throttle (
    id         text primary key,
    state      bytea,
    expires_at bigint
);

create index login_throttle_expires_at on login_throttle (expires_at);
