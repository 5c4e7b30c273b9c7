package io.calbridge.tasks;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What a task and its event last agreed on: the base of the three-way merge. {@code sent}: what CalBridge wrote
 * beyond the shared fields (footer, colour, Meet wish), so a change there is a write too; null when this version
 * was not CalBridge's write. {@code unconfirmed}: the fields of CalBridge's writes whose outcome is not known yet (a
 * lost answer, a 5xx; noted before sending), the last three distinct ones: Google may have any of them now.
 * <p>
 * Stored as one JSON object, the agreed fields at its top level beside {@code sent} and {@code unconfirmed}, the
 * keys written only when there is something in them: the shape rows have always had.
 */
public record Snapshot(@JsonUnwrapped EventFields agreed, @JsonInclude(JsonInclude.Include.NON_NULL) String sent,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<EventFields> unconfirmed) {

	private static final int UNCONFIRMED_KEPT = 3;

	public Snapshot {
		unconfirmed = unconfirmed == null ? List.of() : List.copyOf(unconfirmed);
	}

	/** Agreed on {@code agreed}, with nothing else to remember. */
	public static Snapshot of(EventFields agreed) {
		return new Snapshot(agreed, null, List.of());
	}

	public Snapshot withSent(String signature) {
		return new Snapshot(agreed, signature, unconfirmed);
	}

	/** This snapshot with {@code write} among its unconfirmed writes; a retry of the same values adds none. */
	public Snapshot withUnconfirmed(EventFields write) {
		List<EventFields> writes = new ArrayList<>(unconfirmed);
		if (!writes.contains(write)) {
			writes.add(write);
		}
		return new Snapshot(agreed, sent, writes.subList(Math.max(0, writes.size() - UNCONFIRMED_KEPT), writes.size()));
	}

}
