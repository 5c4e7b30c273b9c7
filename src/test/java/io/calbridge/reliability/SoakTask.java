package io.calbridge.reliability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one task should look like after the soak, kept by the soak itself from the writes it saw succeed: the last
 * value written to each field, on whichever side. Nothing here is read back from CalBridge, so a value CalBridge
 * lost cannot hide in it.
 */
final class SoakTask {

	final long id;

	String title;

	String description;

	String notes;

	String type;

	String priority;

	String status;

	boolean allDay;

	Instant start;

	Instant end;

	LocalDate startDate;

	/** Inclusive, as the task shows it. */
	LocalDate endDate;

	final String zone;

	/** Guest email → the answer last given (needsAction when invited). */
	final Map<String, String> answers = new LinkedHashMap<>();

	String eventId;

	/** The version the CRM client last saw (its answer to our last write); a 409 makes it read again. */
	long version;

	boolean deletedInCrm;

	boolean deletedInGoogle;

	/** The operations that touched this task and what they left, for the report of a divergence. */
	final java.util.List<String> history = new java.util.ArrayList<>();

	SoakTask(long id, String zone) {
		this.id = id;
		this.zone = zone;
	}

	String summary() {
		return "title=" + title + ", description=" + description + ", notes=" + notes + ", when="
				+ (allDay ? startDate + ".." + endDate : start + ".." + end) + ", status=" + status + ", guests=" + answers
				+ (deletedInCrm ? ", deleted in CRM" : "") + (deletedInGoogle ? ", deleted in Google" : "");
	}

	boolean live() {
		return !deletedInCrm && !deletedInGoogle;
	}

}
