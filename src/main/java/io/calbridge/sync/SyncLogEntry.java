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

	/** Who acted when it was not the sync itself: an admin's pause, resume or resync (V10). */
	private Long actorId;

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

	/** An action someone other than the connection's owner took on it. */
	static SyncLogEntry byActor(long actorId, long userId, long connectionId, String action, String detail,
			Instant at) {
		SyncLogEntry entry = new SyncLogEntry(userId, null, connectionId, null, "CONNECTION", action, "OK", detail, at);
		entry.actorId = actorId;
		return entry;
	}

	public Long getActorId() {
		return actorId;
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
