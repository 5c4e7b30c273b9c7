package io.calbridge.tasks;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How much sync work waits, counted across all users: tasks whose change has not reached Google yet (PENDING,
 * including deleted tasks whose event still has to go), tasks Google refused or that ran out of retries (FAILED),
 * and tasks waiting for a person to resolve a conflict (CONFLICT). For operations: health and metrics.
 */
@Component
public class TaskBacklog {

	public record Counts(long pending, long failed, long conflict, Optional<Instant> oldestPendingSince) {
	}

	private final JdbcClient jdbc;

	TaskBacklog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Counts counts() {
		return jdbc.sql("""
				select count(*) filter (where sync_state = 'PENDING')  as pending,
				       count(*) filter (where sync_state = 'FAILED')   as failed,
				       count(*) filter (where sync_state = 'CONFLICT') as conflict,
				       min(updated_at) filter (where sync_state = 'PENDING') as oldest_pending
				from crm_tasks
				where sync_state in ('PENDING', 'FAILED', 'CONFLICT')
				""")
			.query((rs, row) -> new Counts(rs.getLong("pending"), rs.getLong("failed"), rs.getLong("conflict"),
					Optional.ofNullable(rs.getTimestamp("oldest_pending")).map(java.sql.Timestamp::toInstant)))
			.single();
	}

	/**
	 * The same counts for one user's live tasks: what the nav's badge and the list's banner show, and the admin's
	 * view per connection's owner.
	 */
	public Counts countsFor(long userId) {
		return jdbc.sql("""
				select count(*) filter (where sync_state = 'PENDING')  as pending,
				       count(*) filter (where sync_state = 'FAILED')   as failed,
				       count(*) filter (where sync_state = 'CONFLICT') as conflict,
				       min(updated_at) filter (where sync_state = 'PENDING') as oldest_pending
				from crm_tasks
				where user_id = ? and deleted_at is null and sync_state in ('PENDING', 'FAILED', 'CONFLICT')
				""")
			.param(userId)
			.query((rs, row) -> new Counts(rs.getLong("pending"), rs.getLong("failed"), rs.getLong("conflict"),
					Optional.ofNullable(rs.getTimestamp("oldest_pending")).map(java.sql.Timestamp::toInstant)))
			.single();
	}

	long count(SyncState state) {
		return jdbc.sql("select count(*) from crm_tasks where sync_state = ?")
			.param(state.name())
			.query(Long.class)
			.single();
	}

}
