package io.calbridge.sync;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;

import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class SyncSchedulesTest {

	@Autowired
	SyncSchedules schedules;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theSyncLogKeepsThirtyDaysAndTheRunIsLockedForOtherInstances() {
		jdbc.update("insert into sync_log (task_id, direction, action, outcome, at) values "
				+ "(900001, 'OUTBOUND', 'insert', 'OK', now() - interval '45 days'), "
				+ "(900001, 'OUTBOUND', 'update', 'OK', now() - interval '2 days')");

		schedules.pruneSyncLog();

		assertThat(jdbc.queryForList("select action from sync_log where task_id = 900001", String.class))
			.containsExactly("update");
		assertThat(jdbc.queryForObject("select count(*) from shedlock where name = 'sync-log-prune'", Long.class))
			.isEqualTo(1);
	}

}
