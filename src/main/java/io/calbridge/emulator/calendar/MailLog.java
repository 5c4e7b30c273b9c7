package io.calbridge.emulator.calendar;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;

/**
 * The mail Google would have sent for the emulated writes, so a test or a person can see whom an action mailed.
 * Google mails guests only when a write asks with {@code sendUpdates}: {@code all} mails every guest,
 * {@code externalOnly} only guests who are not Google Calendar users, {@code none} or no value (the API's default)
 * nobody. The organizer is never mailed about their own change; a guest's answer reaches the organizer by mail
 * only when its write asks for it.
 * <p>
 * Approximation: the emulator cannot know who uses Google Calendar, so a guest counts as a Google Calendar user
 * when the emulator has an account for them (ana, ben, …); every other address is external.
 * <p>
 * Kinds: {@code invitation} (a guest added, or a new event with guests), {@code update} (a change guests see: title,
 * description, place, times, recurrence, Meet link; or a guest's answer, to the organizer), {@code cancellation}
 * (the event deleted, or the guest removed from it). Runs inside the {@link CalendarStore} lock.
 */
public final class MailLog {

	/** One message Google would have sent. */
	public record SentMail(String to, String eventId, String calendarId, String kind, Instant at) {
	}

	private final List<SentMail> sent = new CopyOnWriteArrayList<>();

	private final GoogleAccounts accounts;

	MailLog(GoogleAccounts accounts) {
		this.accounts = accounts;
	}

	public List<SentMail> all() {
		return List.copyOf(sent);
	}

	public void clear() {
		sent.clear();
	}

	/** The organizer's write of {@code current} over {@code previous} (null for an insert) in {@code calendarId}. */
	void written(String calendarId, Event previous, Event current, String sendUpdates) {
		if (!mails(sendUpdates) || current.getOrganizer() == null
				|| !Boolean.TRUE.equals(current.getOrganizer().getSelf())) {
			return;
		}
		Set<String> before = guests(previous);
		Set<String> now = guests(current);
		boolean changed = previous != null && visiblyChanged(previous, current);
		for (String guest : before) {
			if (!now.contains(guest)) {
				send(guest, current, calendarId, "cancellation", sendUpdates);
			}
			else if (changed) {
				send(guest, current, calendarId, "update", sendUpdates);
			}
		}
		now.stream().filter(guest -> !before.contains(guest))
			.forEach(guest -> send(guest, current, calendarId, "invitation", sendUpdates));
	}

	/** A guest changed their own answer on their copy (or removed the invitation, which declines it). */
	void answered(String calendarId, Event guestCopy, String previousStatus, String newStatus, String sendUpdates) {
		if (mails(sendUpdates) && guestCopy.getOrganizer() != null && guestCopy.getOrganizer().getEmail() != null
				&& !Objects.equals(previousStatus, newStatus)) {
			send(guestCopy.getOrganizer().getEmail(), guestCopy, calendarId, "update", sendUpdates);
		}
	}

	private void send(String to, Event event, String calendarId, String kind, String sendUpdates) {
		if ("externalOnly".equals(sendUpdates) && accounts.find(to).isPresent()) {
			return; // a Google Calendar user: Google updates their calendar without mail
		}
		sent.add(new SentMail(to, event.getId(), calendarId, kind, Instant.now()));
	}

	private static boolean mails(String sendUpdates) {
		return "all".equals(sendUpdates) || "externalOnly".equals(sendUpdates);
	}

	/** The people Google would mail: the guests, not the organizer, the account itself or rooms. */
	private static Set<String> guests(Event event) {
		Set<String> guests = new LinkedHashSet<>();
		if (event == null || "cancelled".equals(event.getStatus()) || event.getAttendees() == null) {
			return guests;
		}
		String organizer = event.getOrganizer() == null ? null : event.getOrganizer().getEmail();
		for (EventAttendee a : event.getAttendees()) {
			if (a.getEmail() != null && !a.getEmail().equalsIgnoreCase(organizer) && !Boolean.TRUE.equals(a.getSelf())
					&& !Boolean.TRUE.equals(a.getOrganizer()) && !Boolean.TRUE.equals(a.getResource())) {
				guests.add(a.getEmail().toLowerCase(java.util.Locale.ROOT));
			}
		}
		return guests;
	}

	private static String json(Object value) {
		return value == null ? null : EventJson.write(value);
	}

	private static boolean visiblyChanged(Event before, Event after) {
		return !Objects.equals(before.getSummary(), after.getSummary())
				|| !Objects.equals(before.getDescription(), after.getDescription())
				|| !Objects.equals(before.getLocation(), after.getLocation())
				|| !Objects.equals(json(before.getStart()), json(after.getStart()))
				|| !Objects.equals(json(before.getEnd()), json(after.getEnd()))
				|| !Objects.equals(before.getRecurrence(), after.getRecurrence())
				|| !Objects.equals(before.getHangoutLink(), after.getHangoutLink());
	}

}
