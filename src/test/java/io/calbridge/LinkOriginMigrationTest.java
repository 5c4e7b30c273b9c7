package io.calbridge;

import java.io.IOException;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V4 back-fills who made each linked event: CalBridge's own links are told apart by the event id CalBridge derives
 * from the task ("cb" + the task id in base 32 + "t" + …); imported tasks and every other id are Google's.
 * Run on a PostgreSQL of its own (the app's role may create no schema), migrated to V3 with links as they were,
 * then to V4.
 */
class LinkOriginMigrationTest {

	@Test
	void existingLinksGetTheirOriginFromTheEventId() throws IOException {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			existingLinksGetTheirOriginFromTheEventId(postgres.getPostgresDatabase());
		}
	}

	private void existingLinksGetTheirOriginFromTheEventId(DataSource dataSource) {
		Flyway upTo = Flyway.configure().dataSource(dataSource).schemas("origin_backfill").cleanDisabled(false)
			.locations("classpath:db/migration").target("3").load();
		upTo.clean();
		upTo.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("insert into origin_backfill.users (id, email, display_name, password_hash) "
				+ "values (1, 'ana@example.com', 'Ana', 'x')");
		// 40 in base 32 is "18", 41 is "19".
		insert(jdbc, 40, "cb18tm3k2q9a1", false);   // CalBridge's own id for task 40
		insert(jdbc, 41, "cb18tm3k2q9a2", false);   // CalBridge's id, but for another task: not this one's
		insert(jdbc, 42, "7q5ij6c901d7hn1keb3v", true); // imported
		insert(jdbc, 43, "cb1atqq", true);          // imported, even if the id looks like CalBridge's
		insert(jdbc, 44, "external_meeting_1", false);
		insert(jdbc, 45, null, false);              // never linked

		Flyway.configure().dataSource(dataSource).schemas("origin_backfill").locations("classpath:db/migration")
			.load().migrate();

		Map<Long, String> origins = new java.util.TreeMap<>();
		jdbc.query("select id, event_origin from origin_backfill.crm_tasks",
				rs -> {
					origins.put(rs.getLong(1), rs.getString(2));
				});
		assertThat(origins).containsOnlyKeys(40L, 41L, 42L, 43L, 44L, 45L)
			.containsEntry(40L, "CALBRIDGE")
			.containsEntry(41L, "GOOGLE")
			.containsEntry(42L, "GOOGLE")
			.containsEntry(43L, "GOOGLE")
			.containsEntry(44L, "GOOGLE");
		assertThat(origins.get(45L)).as("no link, no origin").isNull();
		assertThat(jdbc.queryForObject("select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
				+ "where p.proname = 'base32'", Long.class)).as("the helper function is gone").isZero();
		jdbc.execute("drop schema origin_backfill cascade");
	}

	private static void insert(JdbcTemplate jdbc, long id, String eventId, boolean imported) {
		jdbc.update("insert into origin_backfill.crm_tasks (id, user_id, title, start_at, end_at, google_event_id, "
				+ "google_calendar_id, imported_from_google) values (?, 1, 'Task', now(), now(), ?, ?, ?)", id, eventId,
				eventId == null ? null : "ana@example.com", imported);
	}

}
