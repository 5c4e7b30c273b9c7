package io.calbridge.sync;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One meaningful sync action on a task, shown on its sync page. */
@Entity
@Table(name = "sync_log")
class SyncLogEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long userId;

	private Long taskId;

	private Long connectionId;

	private String calendarId;

	private String direction;

	private String action;

	private String outcome;

	private String detail;

	private Instant at;

	protected SyncLogEntry() {
	}

	SyncLogEntry(Long userId, Long taskId, Long connectionId, String calendarId, String direction, String action,
			String outcome, String detail, Instant at) {
		this.userId = userId;
		this.taskId = taskId;
		this.connectionId = connectionId;
		this.calendarId = calendarId;
		this.direction = direction;
		this.action = action;
		this.outcome = outcome;
		this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
		this.at = at;
	}

	public String getDirection() {
		return direction;
	}

	public String getAction() {
		return action;
	}

	public String getOutcome() {
		return outcome;
	}

	public String getDetail() {
		return detail;
	}

	public Instant getAt() {
		return at;
	}

}
