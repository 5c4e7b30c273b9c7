package io.calbridge.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields a task and its event share, as one side has them. Stored as the {@code synced_snapshot}: the base of
 * the three-way merge (what both sides last agreed on).
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
	 * change, kept under {@code "unconfirmed"}): those are agreed on the sent value. Judged against the older base, a
	 * person's edit back to that base (a guest removed, then invited again) would count as unchanged and Google's
	 * value, which is CalBridge's own, would be taken over it.
	 */
	@SuppressWarnings("unchecked")
	static SyncFields base(Map<String, Object> snapshot, SyncFields remote) {
		SyncFields agreed = fromMap(snapshot);
		if (!(snapshot.get(UNCONFIRMED) instanceof List<?> writes)) {
			return agreed;
		}
		SyncFields[] pick = { agreed, agreed, agreed, agreed, agreed };
		for (Object write : writes) {
			SyncFields sent = fromMap((Map<String, Object>) write);
			for (int i = 0; i < NAMES.size(); i++) {
				if (remote.same(NAMES.get(i), sent)) {
					pick[i] = sent;
				}
			}
		}
		return new SyncFields(pick[0].title(), pick[1].description(), pick[2].notes(), pick[3].when(),
				pick[4].guests());
	}

	/** Where a snapshot keeps the fields of CalBridge's writes whose outcome is unknown (see {@link #base}). */
	static final String UNCONFIRMED = "unconfirmed";

	/**
	 * {@code snapshot} with {@code sent} among its unconfirmed writes: a write whose outcome is unknown (its answer
	 * lost, a 5xx) may be Google's version now. The last three distinct ones; a retry of the same values adds none.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> withUnconfirmed(Map<String, Object> snapshot, Map<String, Object> sent) {
		List<Object> writes = new ArrayList<>(
				snapshot.get(UNCONFIRMED) instanceof List<?> known ? (List<Object>) known : List.of());
		if (!writes.contains(sent)) {
			writes.add(sent);
		}
		snapshot.put(UNCONFIRMED, new ArrayList<>(writes.subList(Math.max(0, writes.size() - 3), writes.size())));
		return snapshot;
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

	Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("title", title);
		map.put("description", description);
		map.put("notes", notes);
		map.put("allDay", when.allDay());
		map.put("start", when.start() == null ? null : when.start().toString());
		map.put("end", when.end() == null ? null : when.end().toString());
		map.put("startDate", when.startDate() == null ? null : when.startDate().toString());
		map.put("endDate", when.endDate() == null ? null : when.endDate().toString());
		map.put("guests", guests);
		return map;
	}

	@SuppressWarnings("unchecked")
	static SyncFields fromMap(Map<String, Object> map) {
		boolean allDay = Boolean.TRUE.equals(map.get("allDay"));
		When when = new When(allDay, instant(map.get("start")), instant(map.get("end")), date(map.get("startDate")),
				date(map.get("endDate")));
		return new SyncFields((String) map.get("title"), (String) map.get("description"), (String) map.get("notes"),
				when, map.get("guests") == null ? List.of() : (List<String>) map.get("guests"));
	}

	private static Instant instant(Object value) {
		return value == null ? null : Instant.parse(value.toString());
	}

	private static LocalDate date(Object value) {
		return value == null ? null : LocalDate.parse(value.toString());
	}

}
