package io.calbridge.emulator.calendar;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;


/** The rules Google applies to an event body on every write, independent of where it is stored. */
final class EventWrites {

	/** Google: client ids use base32hex (a–v, 0–9) and are 5 to 1024 characters long. */
	private static final Pattern CLIENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

	private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private EventWrites() {
	}

	/** An event ready to store, and the Meet request to complete later if the write asked for one. */
	record Prepared(Event event, String conferenceRequestId) {
	}

	/** {@code events.insert}: client id rules, times, and the server-owned creator and organizer. */
	static Prepared forInsert(EmulatedCalendar cal, Event body, Writer writer) {
		Event e = body.clone();
		if (e.getId() == null) {
			e.setId(newId());
		}
		checkClientId(e.getId());
		if (cal.events.containsKey(e.getId())) {
			throw GoogleError.duplicate();
		}
		validateTimes(e);
		e.setCreated(null).setSequence(0).setHangoutLink(null).setRecurringEventId(null).setOriginalStartTime(null);
		e.setCreator(new Event.Creator().setEmail(writer.email()).setDisplayName(writer.name()).setSelf(true));
		e.setOrganizer(organizer(cal.info, writer));
		String requestId = Conferences.apply(e, body.getConferenceData(), null, writer.conferenceDataVersion());
		return new Prepared(e, requestId);
	}

	/** PUT semantics: the body replaces the event, except what only the server (or the organizer) decides. */
	static Prepared forReplace(Event current, Event body, Writer writer) {
		Event e = body.clone();
		validateTimes(e);
		checkGuestPermissions(current, e);
		checkGuestEdits(current, e);
		e.setId(current.getId()).setCreated(current.getCreated()).setCreator(current.getCreator())
			.setOrganizer(current.getOrganizer()).setICalUID(current.getICalUID())
			.setRecurringEventId(current.getRecurringEventId()).setOriginalStartTime(current.getOriginalStartTime())
			.setHangoutLink(current.getHangoutLink());
		int sequence = current.getSequence() == null ? 0 : current.getSequence();
		e.setSequence(timesChanged(current, e) ? sequence + 1 : sequence);
		if (e.getStatus() == null || "cancelled".equals(current.getStatus())) {
			e.setStatus(body.getStatus() == null ? "confirmed" : body.getStatus());
		}
		String requestId = Conferences.apply(e, body.getConferenceData(), current.getConferenceData(),
				writer.conferenceDataVersion());
		return new Prepared(e, requestId);
	}

	static String newId() {
		char[] id = new char[26];
		for (int i = 0; i < id.length; i++) {
			id[i] = BASE32HEX[RANDOM.nextInt(32)];
		}
		return new String(id);
	}

	static void checkClientId(String id) {
		if (!CLIENT_ID.matcher(id).matches()) {
			throw GoogleError.invalid("Invalid resource id value.", "id");
		}
	}

	/** Google's etags are quoted numbers that change on every write. */
	static String etag(long seq) {
		return "\"" + (System.currentTimeMillis() * 1000 + seq % 1000) + "\"";
	}

	static void checkIfMatch(Event current, java.util.Optional<String> ifMatch) {
		if (ifMatch.isPresent() && !"*".equals(ifMatch.get()) && !ifMatch.get().equals(current.getEtag())) {
			throw GoogleError.conditionNotMet();
		}
	}

	static void validateTimes(Event e) {
		if (e.getStart() == null || (e.getStart().getDate() == null && e.getStart().getDateTime() == null)) {
			throw GoogleError.required("Missing start time.");
		}
		if (e.getEnd() == null || (e.getEnd().getDate() == null && e.getEnd().getDateTime() == null)) {
			throw GoogleError.required("Missing end time.");
		}
		if (EventTimes.allDay(e.getStart()) != EventTimes.allDay(e.getEnd())) {
			throw GoogleError.badRequest("Start and end times must either both be date or both be dateTime.");
		}
		boolean recurring = e.getRecurrence() != null && !e.getRecurrence().isEmpty();
		if (recurring) {
			Recurrence.validate(e.getRecurrence());
			if (!EventTimes.allDay(e.getStart()) && e.getStart().getTimeZone() == null) {
				throw GoogleError.required("Missing time zone definition for start time.");
			}
		}
		java.time.ZoneId utc = java.time.ZoneOffset.UTC;
		if (EventTimes.instant(e.getEnd(), utc).isBefore(EventTimes.instant(e.getStart(), utc))) {
			throw new GoogleError(400, "calendar", "timeRangeEmpty", "The specified time range is empty.");
		}
	}

	/**
	 * Google: only the organizer may change what guests are allowed to do (403 {@code forbiddenForNonOrganizer});
	 * the calendar's copy of someone else's event is not the organizer's. Compared with Google's defaults, so a
	 * body that leaves the fields out changes nothing.
	 */
	static void checkGuestPermissions(Event current, Event next) {
		boolean organizer = current.getOrganizer() == null || Boolean.TRUE.equals(current.getOrganizer().getSelf());
		if (organizer) {
			return;
		}
		boolean changed = or(current.getGuestsCanModify(), false) != or(next.getGuestsCanModify(), false)
				|| or(current.getGuestsCanInviteOthers(), true) != or(next.getGuestsCanInviteOthers(), true)
				|| or(current.getGuestsCanSeeOtherGuests(), true) != or(next.getGuestsCanSeeOtherGuests(), true);
		if (changed) {
			throw new GoogleError(403, "calendar", "forbiddenForNonOrganizer",
					"Only the organizer can change what guests may do.");
		}
	}

	/**
	 * Google: a guest may change the event itself only when the organizer lets guests modify it
	 * ({@code guestsCanModify}, false by default; events reference). A guest's own copy still takes their answer
	 * (responseStatus, comment, additional guests) and what is per copy (colour, reminders, private properties,
	 * transparency); a change of title, description, place, time or guest list is refused with 403
	 * {@code forbiddenForNonOrganizer}, as for the guestsCan* fields.
	 */
	static void checkGuestEdits(Event current, Event next) {
		boolean organizer = current.getOrganizer() == null || Boolean.TRUE.equals(current.getOrganizer().getSelf());
		if (organizer || Boolean.TRUE.equals(current.getGuestsCanModify())) {
			return;
		}
		java.util.List<String> changed = new java.util.ArrayList<>();
		if (!java.util.Objects.equals(current.getSummary(), next.getSummary())) {
			changed.add("summary");
		}
		if (!java.util.Objects.equals(current.getDescription(), next.getDescription())) {
			changed.add("description");
		}
		if (!java.util.Objects.equals(current.getLocation(), next.getLocation())) {
			changed.add("location");
		}
		if (!sameTime(current.getStart(), next.getStart()) || !sameTime(current.getEnd(), next.getEnd())
				|| !java.util.Objects.equals(current.getRecurrence(), next.getRecurrence())) {
			changed.add("time");
		}
		if (!sameGuests(current, next)) {
			changed.add("attendees");
		}
		if (!changed.isEmpty()) {
			throw new GoogleError(403, "calendar", "forbiddenForNonOrganizer",
					"Only the organizer can change this event (" + String.join(", ", changed) + ").");
		}
	}

	/** The same moment (or day) and zone, however the offset is written. */
	private static boolean sameTime(EventDateTime a, EventDateTime b) {
		if (a == null || b == null) {
			return a == b;
		}
		if (EventTimes.allDay(a) != EventTimes.allDay(b)) {
			return false;
		}
		java.time.ZoneId utc = java.time.ZoneOffset.UTC;
		return EventTimes.instant(a, utc).equals(EventTimes.instant(b, utc))
				&& (b.getTimeZone() == null || b.getTimeZone().equals(a.getTimeZone()));
	}

	/** The same guests, and the same answers of everyone but the calendar's owner (who may answer). */
	private static boolean sameGuests(Event current, Event next) {
		java.util.Map<String, String> before = answers(current, true);
		java.util.Map<String, String> after = answers(next, false);
		if (!before.keySet().equals(after.keySet())) {
			return false;
		}
		String me = current.getAttendees() == null ? null : current.getAttendees().stream()
			.filter(a -> Boolean.TRUE.equals(a.getSelf())).map(a -> a.getEmail().toLowerCase()).findFirst().orElse(null);
		return before.entrySet().stream().allMatch(entry -> entry.getKey().equals(me) || after.get(entry.getKey()) == null
				|| after.get(entry.getKey()).equals(entry.getValue()));
	}

	private static java.util.Map<String, String> answers(Event event, boolean stored) {
		java.util.Map<String, String> answers = new java.util.HashMap<>();
		if (event.getAttendees() != null) {
			for (EventAttendee a : event.getAttendees()) {
				if (a.getEmail() != null) {
					String status = a.getResponseStatus() == null && stored ? "needsAction" : a.getResponseStatus();
					answers.put(a.getEmail().toLowerCase(), status);
				}
			}
		}
		return answers;
	}

	private static boolean or(Boolean value, boolean fallback) {
		return value == null ? fallback : value;
	}

	/** Google: events on a secondary calendar are organized by that calendar, not by the person. */
	static Event.Organizer organizer(GoogleAccounts.CalendarInfo calendar, Writer writer) {
		boolean primary = calendar.id().equalsIgnoreCase(writer.email());
		return primary ? new Event.Organizer().setEmail(writer.email()).setDisplayName(writer.name()).setSelf(true)
				: new Event.Organizer().setEmail(calendar.id()).setDisplayName(calendar.summary()).setSelf(true);
	}

	static boolean timesChanged(Event before, Event after) {
		return !same(before.getStart(), after.getStart()) || !same(before.getEnd(), after.getEnd())
				|| !java.util.Objects.equals(before.getRecurrence(), after.getRecurrence());
	}

	private static boolean same(EventDateTime a, EventDateTime b) {
		return a == null ? b == null : b != null && a.toString().equals(b.toString());
	}

	/** Server-owned fields every stored version carries. */
	static void stamp(Event e, String calendarId, Instant now, long seq) {
		e.setKind("calendar#event");
		e.setUpdated(EventTimes.rfc3339(now));
		e.setEtag(etag(seq));
		if (e.getCreated() == null) {
			e.setCreated(EventTimes.rfc3339(now));
		}
		if (e.getICalUID() == null) {
			e.setICalUID(e.getId() + "@google.com");
		}
		String eid = Base64.getUrlEncoder().withoutPadding()
			.encodeToString((e.getId() + " " + calendarId).getBytes(StandardCharsets.UTF_8));
		e.setHtmlLink("https://www.google.com/calendar/event?eid=" + eid);
		if (e.getStatus() == null) {
			e.setStatus("confirmed");
		}
	}

	/**
	 * Defaults and limits Google applies: {@code eventType} default, default reminders, guests' {@code self} flag
	 * for the calendar's owner, extended property keys over 44 characters dropped and values cut at 1024.
	 */
	static void normalize(Event e, String ownerEmail) {
		if ("cancelled".equals(e.getStatus()) && e.getStart() == null) {
			return;
		}
		if (e.getEventType() == null) {
			e.setEventType("default");
		}
		inZone(e.getStart());
		inZone(e.getEnd());
		inZone(e.getOriginalStartTime());
		if (e.getReminders() == null) {
			e.setReminders(new Event.Reminders().setUseDefault(true));
		}
		if (e.getAttendees() != null) {
			for (EventAttendee a : e.getAttendees()) {
				if (a.getResponseStatus() == null) {
					a.setResponseStatus("needsAction");
				}
				a.setSelf(ownerEmail != null && ownerEmail.equalsIgnoreCase(a.getEmail()) ? Boolean.TRUE : null);
				if (e.getOrganizer() != null && a.getEmail() != null
						&& a.getEmail().equalsIgnoreCase(e.getOrganizer().getEmail())) {
					a.setOrganizer(true);
				}
			}
		}
		if (e.getExtendedProperties() != null) {
			e.getExtendedProperties().setPrivate(limit(e.getExtendedProperties().getPrivate()));
			e.getExtendedProperties().setShared(limit(e.getExtendedProperties().getShared()));
		}
	}

	/** With a {@code timeZone}, Google answers the {@code dateTime} in that zone's offset, whatever offset was sent. */
	private static void inZone(EventDateTime t) {
		if (t == null || t.getDateTime() == null || t.getTimeZone() == null) {
			return;
		}
		try {
			long millis = t.getDateTime().getValue();
			int offset = java.time.ZoneId.of(t.getTimeZone()).getRules().getOffset(Instant.ofEpochMilli(millis))
				.getTotalSeconds() / 60;
			t.setDateTime(new com.google.api.client.util.DateTime(millis, offset));
		}
		catch (java.time.DateTimeException e) {
			throw GoogleError.invalid("Invalid time zone definition for start time.", "timeZone");
		}
	}

	private static Map<String, String> limit(Map<String, String> properties) {
		if (properties == null) {
			return null;
		}
		Map<String, String> kept = new LinkedHashMap<>();
		properties.forEach((k, v) -> {
			if (k.length() <= 44) {
				kept.put(k, v != null && v.length() > 1024 ? v.substring(0, 1024) : v);
			}
		});
		return kept;
	}

}
