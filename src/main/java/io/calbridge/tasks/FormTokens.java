package io.calbridge.tasks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one-time tokens of the new-task form. Claiming one is an insert on the (user, token) key inside the creating
 * transaction: a second post of the same form waits on the first one's row lock and then finds it taken, so two
 * posts at the same moment still make one task.
 */
@Component
class FormTokens {

	/** Long enough for a tab left open over a weekend; a form older than this is simply sent again. */
	static final Duration KEPT = Duration.ofDays(30);

	private final JdbcClient jdbc;

	FormTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** True when this post is the first of its form; false when an earlier post already claimed the token. */
	boolean claim(long userId, UUID token, Instant now) {
		jdbc.sql("delete from task_form_tokens where user_id = ? and created_at < ?")
			.params(userId, Timestamp.from(now.minus(KEPT)))
			.update();
		return jdbc.sql("""
				insert into task_form_tokens (user_id, token, created_at) values (?, ?, ?)
				on conflict (user_id, token) do nothing
				""").params(userId, token, Timestamp.from(now)).update() == 1;
	}

	void madeTask(long userId, UUID token, long taskId) {
		jdbc.sql("update task_form_tokens set task_id = ? where user_id = ? and token = ?")
			.params(taskId, userId, token)
			.update();
	}

	/** The task the first post of this form made; empty when that task has since been deleted. */
	Optional<Long> taskOf(long userId, UUID token) {
		return jdbc.sql("""
				select t.id from task_form_tokens f
				join crm_tasks t on t.id = f.task_id and t.user_id = f.user_id and t.deleted_at is null
				where f.user_id = ? and f.token = ?
				""").params(userId, token).query(Long.class).optional();
	}

	/** A token as the form sends it; anything that is not one of ours (a hand-made post) counts as none. */
	static Optional<UUID> parse(String text) {
		if (text == null || text.length() != 36) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
