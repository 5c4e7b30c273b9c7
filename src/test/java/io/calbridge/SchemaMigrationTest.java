package io.calbridge;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class SchemaMigrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void migrationsCreateTheWholeDataModelOnACleanDatabase() {
		List<String> tables = jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 'public' order by 1",
				String.class);
		assertThat(tables).contains("users", "google_integrations", "calendar_connections", "calendar_syncs",
				"push_channels", "crm_tasks", "sync_log", "shedlock", "flyway_schema_history");
	}

	@Test
	void theWorkerFindsDuePendingTasksThroughAPartialIndex() {
		String definition = jdbc.queryForObject(
				"select indexdef from pg_indexes where indexname = 'crm_tasks_due_idx'", String.class);
		assertThat(definition).contains("WHERE").contains("PENDING");
	}

	@Test
	void anEventBelongsToOneTaskOnly() {
		String definition = jdbc.queryForObject(
				"select indexdef from pg_indexes where indexname = 'crm_tasks_event_key'", String.class);
		assertThat(definition).startsWith("CREATE UNIQUE INDEX").contains("google_calendar_id", "google_event_id");
	}

	@Test
	void theDatabaseIsPostgres17() {
		assertThat(jdbc.queryForObject("show server_version", String.class)).startsWith("17.");
	}

}
