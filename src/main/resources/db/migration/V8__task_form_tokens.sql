-- A new-task form carries a one-time token. The first post of it claims the token and names the task it made, so a
-- second post of the same form (a double click, Back and Create again, a browser re-sending it) finds that task
-- instead of making another task and another Google event.
create table task_form_tokens (
    user_id    bigint      not null references users (id) on delete cascade,
    token      uuid        not null,
    task_id    bigint      references crm_tasks (id) on delete set null,
    created_at timestamptz not null,
    primary key (user_id, token)
);

create index task_form_tokens_created_at on task_form_tokens (created_at);
