package io.calbridge.emulator.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;

import io.calbridge.emulator.calendar.EmulatedCalendar.Version;
import io.calbridge.emulator.calendar.SyncTokens.PageCursor;
import io.calbridge.emulator.calendar.SyncTokens.SyncCursor;

/**
 * {@code events.list} over one calendar. A listing works on a snapshot (the change number when its first page
 * was asked): events written later are left out of its pages and come with the next sync token instead, so a
 * full sync followed by incremental syncs never misses or skips a change.
 */
final class EventListing {

	private record Row(String key, Event event, boolean cancelled) {
	}

	private EventListing() {
	}

	static EventPage page(EmulatedCalendar cal, EventQuery q, long currentSeq, long generation) {
		PageCursor cursor = cursor(cal, q, currentSeq, generation);
		List<Row> rows = new ArrayList<>();
		for (Version v : cal.events.values()) {
			if (v.seq() > cursor.snapshotSeq() || (cursor.incremental() && v.seq() <= cursor.fromSeq())) {
				continue;
			}
			for (Event e : shapes(cal, v, q)) {
				boolean cancelled = "cancelled".equals(e.getStatus());
				if (cursor.incremental() || matches(cal, e, cancelled, q)) {
					rows.add(new Row(sortKey(cal.zone(), e, q), e, cancelled));
				}
			}
		}
		rows.sort(Comparator.comparing(Row::key));
		List<Event> items = new ArrayList<>();
		String lastKey = null;
		boolean more = false;
		for (Row row : rows) {
			if (!cursor.lastKey().isEmpty() && row.key().compareTo(cursor.lastKey()) <= 0) {
				continue;
			}
			if (items.size() == q.maxResults()) {
				more = true;
				break;
			}
			items.add(row.cancelled() ? tombstone(row.event()) : row.event().clone());
			lastKey = row.key();
		}
		Optional<String> nextPage = more ? Optional.of(SyncTokens.pageToken(new PageCursor(generation, cal.info.id(),
				cursor.fromSeq(), cursor.snapshotSeq(), lastKey))) : Optional.empty();
		Optional<String> nextSync = more ? Optional.empty()
				: Optional.of(unchanged(q, items) ? q.syncToken().get()
						: SyncTokens.syncToken(generation, cal.info.id(), cursor.snapshotSeq()));
		return new EventPage(items, nextPage, nextSync, "\"" + (cursor.snapshotSeq() + 1_000_000L) + "\"",
				System.currentTimeMillis());
	}

	/** Google hands back the same token when nothing changed since it. */
	private static boolean unchanged(EventQuery q, List<Event> items) {
		return items.isEmpty() && q.syncToken().isPresent() && q.pageToken().isEmpty();
	}

	private static PageCursor cursor(EmulatedCalendar cal, EventQuery q, long currentSeq, long generation) {
		if (q.pageToken().isPresent()) {
			PageCursor page = SyncTokens.parsePage(q.pageToken().get());
			if (!page.calendarId().equals(cal.info.id())) {
				throw GoogleError.invalid("Invalid page token value.", "pageToken");
			}
			if (page.generation() != generation || (page.incremental() && page.fromSeq() < cal.minValidSeq)) {
				throw GoogleError.fullSyncRequired();
			}
			return page;
		}
		if (q.syncToken().isPresent()) {
			SyncCursor sync = SyncTokens.parseSync(q.syncToken().get());
			if (!sync.calendarId().equals(cal.info.id())) {
				throw SyncTokens.invalidSyncToken();
			}
			if (sync.generation() != generation || sync.seq() < cal.minValidSeq) {
				throw GoogleError.fullSyncRequired();
			}
			return new PageCursor(generation, cal.info.id(), sync.seq(), currentSeq, "");
		}
		return new PageCursor(generation, cal.info.id(), -1, currentSeq, "");
	}

	/** A stored event as the query shows it: itself, or with singleEvents its instances. */
	private static List<Event> shapes(EmulatedCalendar cal, Version v, EventQuery q) {
		Event e = v.event();
		boolean recurring = e.getRecurrence() != null && !e.getRecurrence().isEmpty();
		if (!q.singleEvents() || !recurring || v.cancelled()) {
			return List.of(e);
		}
		Instant until = q.timeMax().orElseGet(() -> Instances.defaultUntil(e, cal.zone()));
		return Instances.expand(e, cal.zone(), until).stream().filter(i -> !cal.events.containsKey(i.getId())).toList();
	}

	private static boolean matches(EmulatedCalendar cal, Event e, boolean cancelled, EventQuery q) {
		Instant updated = Instant.ofEpochMilli(e.getUpdated().getValue());
		boolean updatedSince = q.updatedMin().map(min -> !updated.isBefore(min)).orElse(false);
		if (q.updatedMin().isPresent() && !updatedSince) {
			return false;
		}
		// Google: with updatedMin, deletions since then always come back, whatever showDeleted says.
		if (cancelled && !q.showDeleted() && !updatedSince) {
			return false;
		}
		if (!cancelled && (q.timeMin().isPresent() || q.timeMax().isPresent())) {
			Instant start = EventTimes.instant(e.getStart(), cal.zone());
			Instant end = EventTimes.instant(e.getEnd(), cal.zone());
			if (q.timeMin().isPresent() && !end.isAfter(q.timeMin().get())) {
				return false;
			}
			if (q.timeMax().isPresent() && !start.isBefore(q.timeMax().get())) {
				return false;
			}
		}
		if (q.iCalUID().isPresent() && !q.iCalUID().get().equals(e.getICalUID())) {
			return false;
		}
		Map<String, String> priv = e.getExtendedProperties() == null ? null : e.getExtendedProperties().getPrivate();
		Map<String, String> shared = e.getExtendedProperties() == null ? null : e.getExtendedProperties().getShared();
		return hasAll(priv, q.privateExtendedProperty()) && hasAll(shared, q.sharedExtendedProperty())
				&& q.q().map(text -> containsWords(e, text)).orElse(true);
	}

	private static boolean hasAll(Map<String, String> properties, List<String> filters) {
		for (String filter : filters) {
			int eq = filter.indexOf('=');
			if (eq < 0) {
				throw GoogleError.invalid("Invalid extended property filter: " + filter, "privateExtendedProperty");
			}
			if (properties == null || !filter.substring(eq + 1).equals(properties.get(filter.substring(0, eq)))) {
				return false;
			}
		}
		return true;
	}

	/** Google's {@code q}: every word must appear in summary, description, location or a guest's name/email. */
	private static boolean containsWords(Event e, String text) {
		StringBuilder haystack = new StringBuilder();
		for (String s : new String[] { e.getSummary(), e.getDescription(), e.getLocation() }) {
			haystack.append(s == null ? "" : s).append(' ');
		}
		if (e.getAttendees() != null) {
			for (EventAttendee a : e.getAttendees()) {
				haystack.append(a.getEmail()).append(' ').append(a.getDisplayName()).append(' ');
			}
		}
		if (e.getOrganizer() != null) {
			haystack.append(e.getOrganizer().getEmail()).append(' ').append(e.getOrganizer().getDisplayName());
		}
		String all = haystack.toString().toLowerCase(Locale.ROOT);
		for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
			if (!word.isBlank() && !all.contains(word)) {
				return false;
			}
		}
		return true;
	}

	private static String sortKey(ZoneId zone, Event e, EventQuery q) {
		String order = q.orderBy().orElse("");
		if ("startTime".equals(order) && e.getStart() != null) {
			return String.format("%015d|%s", EventTimes.instant(e.getStart(), zone).toEpochMilli(), e.getId());
		}
		if ("updated".equals(order)) {
			return String.format("%015d|%s", e.getUpdated().getValue(), e.getId());
		}
		return e.getId();
	}

	/** What Google returns for a deletion in incremental results: little more than id and status. */
	static Event tombstone(Event e) {
		Event t = new Event().setKind("calendar#event").setEtag(e.getEtag()).setId(e.getId()).setStatus("cancelled")
			.setUpdated(e.getUpdated());
		if (e.getRecurringEventId() != null) {
			t.setRecurringEventId(e.getRecurringEventId()).setOriginalStartTime(e.getOriginalStartTime());
		}
		return t;
	}

}
