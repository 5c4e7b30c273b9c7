package io.calbridge.emulator.calendar;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;

import io.calbridge.emulator.calendar.EmulatedCalendar.Version;

/**
 * Invitations between the emulator's own accounts, as Google handles them: a guest gets a copy of the
 * organizer's event on their primary calendar (same id and iCalUID), kept in step with the organizer's copy and
 * cancelled when the organizer cancels or removes them; the guest's answer on their copy reaches the organizer's
 * copy and, through it, the other guests. Private extended properties, colour and reminders stay per copy.
 * Runs inside the {@link CalendarStore} lock.
 */
final class Invitations {

	/** Stores a version into a calendar (the store's own write step). */
	interface Storage {

		Event store(EmulatedCalendar calendar, Event event);

	}

	private Invitations() {
	}

	static void mirror(Map<String, EmulatedCalendar> calendars, EmulatedCalendar organizerCalendar, Event organizerCopy,
			Event previous, Storage storage, String exceptGuest) {
		if (organizerCalendar.info.ownerEmail().isEmpty() || organizerCopy.getOrganizer() == null
				|| !Boolean.TRUE.equals(organizerCopy.getOrganizer().getSelf())) {
			return;
		}
		Set<String> now = guests(calendars, organizerCalendar, organizerCopy);
		Set<String> all = new LinkedHashSet<>(now);
		if (previous != null) {
			all.addAll(guests(calendars, organizerCalendar, previous));
		}
		boolean cancelled = "cancelled".equals(organizerCopy.getStatus());
		for (String guest : all) {
			if (guest.equalsIgnoreCase(exceptGuest == null ? "" : exceptGuest)) {
				continue;
			}
			EmulatedCalendar guestCalendar = primaryOf(calendars, guest).orElseThrow();
			Optional<Version> existing = guestCalendar.find(organizerCopy.getId());
			if (cancelled || !now.contains(guest)) {
				if (existing.isPresent() && !existing.get().cancelled()) {
					storage.store(guestCalendar, existing.get().event().clone().setStatus("cancelled"));
				}
				continue;
			}
			Event copy = organizerCopy.clone().setEtag(null);
			copy.getOrganizer().setSelf(null);
			if (copy.getCreator() != null) {
				copy.getCreator().setSelf(null);
			}
			Event mine = existing.map(Version::event).orElse(null);
			copy.setColorId(mine == null ? null : mine.getColorId()).setReminders(mine == null ? null : mine.getReminders());
			if (copy.getExtendedProperties() != null) {
				copy.getExtendedProperties().setPrivate(mine == null || mine.getExtendedProperties() == null ? null
						: mine.getExtendedProperties().getPrivate());
			}
			storage.store(guestCalendar, copy);
		}
	}

	/** A guest answered (or changed) their copy: the organizer's copy learns their response status. */
	static void reflect(Map<String, EmulatedCalendar> calendars, Event guestCopy, String guestEmail, Storage storage) {
		if (guestCopy.getOrganizer() == null || guestCopy.getOrganizer().getEmail() == null) {
			return;
		}
		Optional<EmulatedCalendar> organizerCalendar = calendars.values().stream()
			.filter(c -> c.info.id().equalsIgnoreCase(guestCopy.getOrganizer().getEmail()) && c.info.ownerEmail().isPresent())
			.findFirst();
		Optional<Version> organizerVersion = organizerCalendar.flatMap(c -> c.find(guestCopy.getId()))
			.filter(v -> !v.cancelled());
		EventAttendee answer = attendee(guestCopy, guestEmail);
		if (organizerVersion.isEmpty() || answer == null) {
			return;
		}
		Event organizerCopy = organizerVersion.get().event().clone();
		EventAttendee there = attendee(organizerCopy, guestEmail);
		if (there == null || String.valueOf(answer.getResponseStatus()).equals(there.getResponseStatus())) {
			return;
		}
		there.setResponseStatus(answer.getResponseStatus()).setComment(answer.getComment());
		Event stored = storage.store(organizerCalendar.get(), organizerCopy);
		mirror(calendars, organizerCalendar.get(), stored, organizerVersion.get().event(), storage, guestEmail);
	}

	static EventAttendee attendee(Event event, String email) {
		return event.getAttendees() == null ? null : event.getAttendees().stream()
			.filter(a -> email.equalsIgnoreCase(a.getEmail())).findFirst().orElse(null);
	}

	private static Set<String> guests(Map<String, EmulatedCalendar> calendars, EmulatedCalendar organizerCalendar,
			Event event) {
		Set<String> guests = new LinkedHashSet<>();
		if (event.getAttendees() == null) {
			return guests;
		}
		String owner = organizerCalendar.info.ownerEmail().orElse("");
		for (EventAttendee a : event.getAttendees()) {
			if (a.getEmail() != null && !a.getEmail().equalsIgnoreCase(owner)
					&& !a.getEmail().equalsIgnoreCase(organizerCalendar.info.id())) {
				primaryOf(calendars, a.getEmail()).ifPresent(c -> guests.add(c.info.id()));
			}
		}
		return guests;
	}

	private static Optional<EmulatedCalendar> primaryOf(Map<String, EmulatedCalendar> calendars, String email) {
		return calendars.values().stream()
			.filter(c -> c.info.id().equalsIgnoreCase(email) && c.info.ownerEmail().map(email::equalsIgnoreCase).orElse(false))
			.findFirst();
	}

}
