package io.calbridge.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.calbridge.tasks.EventFields;
import io.calbridge.tasks.Snapshot;

/**
 * The fields a task and its event share, as one side has them, compared field by field in the three-way merge.
 * Stored as {@link EventFields} (in the agreed {@link Snapshot}, the base of the merge, and in a conflict).
 */
record SyncFields(String title, String description, String notes, When when, List<String> guests) {

	/** When the task happens, compared as instants (timed) or dates (all-day). */
	record When(boolean allDay, Instant start, Instant end, LocalDate startDate, LocalDate endDate) {
	}

	static final List<String> NAMES = List.of("title", "description", "notes", "when", "guests");

	SyncFields {
		guests = guests.stream().map(String::toLowerCase).sorted().toList();
	}

	/**
	 * A base for when what both sides last agreed on is not known: every field on which {@code a} and {@code b}
	 * differ counts as changed on both sides (a conflict the person settles), the others as unchanged.
	 */
	static SyncFields unknownWhereDiffering(SyncFields a, SyncFields b) {
		String unknown = "(unknown)";
		return new SyncFields(a.same("title", b) ? a.title() : unknown,
				a.same("description", b) ? a.description() : unknown, a.same("notes", b) ? a.notes() : unknown,
				a.same("when", b) ? a.when() : new When(false, null, null, null, null),
				a.same("guests", b) ? a.guests() : List.of(unknown));
	}

	/**
	 * The base of a merge with Google's {@code remote}: what both sides last agreed on ({@code snapshot}), except
	 * fields where Google has what one of CalBridge's unconfirmed writes sent (its answer lost or a 5xx after the
	 * change, kept in {@link Snapshot#unconfirmed()}): those are agreed on the sent value. Judged against the older
	 * base, a person's edit back to that base (a guest removed, then invited again) would count as unchanged and
	 * Google's value, which is CalBridge's own, would be taken over it.
	 */
	static SyncFields base(Snapshot snapshot, SyncFields remote) {
		SyncFields agreed = of(snapshot.agreed());
		SyncFields[] pick = { agreed, agreed, agreed, agreed, agreed };
		for (EventFields write : snapshot.unconfirmed()) {
			SyncFields sent = of(write);
			for (int i = 0; i < NAMES.size(); i++) {
				if (remote.same(NAMES.get(i), sent)) {
					pick[i] = sent;
				}
			}
		}
		return new SyncFields(pick[0].title(), pick[1].description(), pick[2].notes(), pick[3].when(),
				pick[4].guests());
	}

	SyncFields withNotes(String other) {
		return new SyncFields(title, description, other, when, guests);
	}

	Object get(String field) {
		return switch (field) {
			case "title" -> title;
			case "description" -> description;
			case "notes" -> notes;
			case "when" -> when;
			case "guests" -> guests;
			default -> throw new IllegalArgumentException(field);
		};
	}

	boolean same(String field, SyncFields other) {
		return Objects.equals(get(field), other.get(field));
	}

	/** These fields as the sync module stores them (snapshot, conflict). */
	EventFields stored() {
		return new EventFields(title, description, notes, when.allDay(), when.start(), when.end(), when.startDate(),
				when.endDate(), guests);
	}

	static SyncFields of(EventFields stored) {
		return new SyncFields(stored.title(), stored.description(), stored.notes(), new When(stored.allDay(),
				stored.start(), stored.end(), stored.startDate(), stored.endDate()), stored.guests());
	}

}
