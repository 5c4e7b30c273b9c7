package io.calbridge.tasks;

import java.util.Locale;
import java.util.Optional;

/**
 * What deleting a task does to its event in Google: {@code keep} it, {@code delete} it, or, for an invitation
 * someone else organizes (a guest cannot delete another person's meeting), {@code decline} it.
 */
public enum EventChoice {

	KEEP, DELETE, DECLINE;

	/** The choice named by an API or form value (keep, delete, decline); empty for anything else. */
	public static Optional<EventChoice> parse(String value) {
		for (EventChoice choice : values()) {
			if (choice.name().toLowerCase(Locale.ROOT).equals(value)) {
				return Optional.of(choice);
			}
		}
		return Optional.empty();
	}

	/** Without a choice: CalBridge's own events go with their task, anyone else's stay. */
	static EventChoice defaultFor(CrmTask task) {
		return task.getEventOrigin() == EventOrigin.CALBRIDGE || !task.hasEvent() ? DELETE : KEEP;
	}

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

}
