package io.calbridge.emulator.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;

import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;

/**
 * What a fresh emulator holds, around today so the calendar page shows something: holidays, a weekly meeting
 * with a skipped and a moved instance, a lunch, and an invitation from an outside organizer awaiting an answer.
 * Secondary calendars start empty, so tests can count on them.
 */
final class SeedEvents {

	private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	private SeedEvents() {
	}

	static void plant(CalendarStore store, GoogleAccounts accounts) {
		int year = LocalDate.now().getYear();
		for (int y = year; y <= year + 1; y++) {
			holiday(store, "New Year's Day", LocalDate.of(y, 1, 1));
			holiday(store, "Independence Day", LocalDate.of(y, 7, 4));
			holiday(store, "Thanksgiving Day",
					LocalDate.of(y, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)));
			holiday(store, "Christmas Day", LocalDate.of(y, Month.DECEMBER, 25));
		}
		for (GoogleAccount account : accounts.all()) {
			plantFor(store, account);
		}
	}

	private static void holiday(CalendarStore store, String name, LocalDate date) {
		Event e = new Event().setId(EventWrites.newId()).setSummary(name).setDescription("Public holiday")
			.setStart(new EventDateTime().setDate(new DateTime(date.toString())))
			.setEnd(new EventDateTime().setDate(new DateTime(date.plusDays(1).toString())))
			.setTransparency("transparent").setVisibility("public")
			.setOrganizer(new Event.Organizer().setEmail(GoogleAccounts.HOLIDAYS_ID).setDisplayName("Holidays in United States"));
		store.seed(GoogleAccounts.HOLIDAYS_ID, e);
	}

	private static void plantFor(CalendarStore store, GoogleAccount account) {
		ZoneId zone = ZoneId.of(account.timeZone());
		LocalDate monday = LocalDate.now(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(2);
		LocalDateTime first = monday.atTime(9, 30);
		Event.Organizer me = new Event.Organizer().setEmail(account.email()).setDisplayName(account.name()).setSelf(true);
		Event.Creator creator = new Event.Creator().setEmail(account.email()).setDisplayName(account.name()).setSelf(true);
		String reviewId = EventWrites.newId();
		Event review = new Event().setId(reviewId).setSummary("Pipeline review").setLocation("Room 3 / Meet")
			.setDescription("Weekly look at open deals.")
			.setStart(timed(first, zone)).setEnd(timed(first.plusMinutes(45), zone))
			.setRecurrence(new ArrayList<>(List.of("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20",
					"EXDATE;TZID=" + zone.getId() + ":" + first.plusWeeks(1).format(BASIC))))
			.setOrganizer(me).setCreator(creator);
		store.seed(account.email(), review);
		LocalDateTime moved = first.plusWeeks(2);
		Event exception = review.clone().setRecurrence(null)
			.setId(EventTimes.instanceId(reviewId, moved, zone, false)).setRecurringEventId(reviewId)
			.setOriginalStartTime(timed(moved, zone)).setStart(timed(moved.plusHours(1), zone))
			.setEnd(timed(moved.plusHours(1).plusMinutes(45), zone)).setSummary("Pipeline review (moved)");
		store.seed(account.email(), exception);
		LocalDateTime lunch = LocalDate.now(zone).plusDays(1).atTime(LocalTime.of(12, 30));
		store.seed(account.email(), new Event().setId(EventWrites.newId()).setSummary("Lunch with Carla Mendes")
			.setLocation("Café Girondino").setStart(timed(lunch, zone)).setEnd(timed(lunch.plusHours(1), zone))
			.setOrganizer(me).setCreator(creator));
		LocalDateTime demo = LocalDate.now(zone).plusDays(2).atTime(LocalTime.of(15, 0));
		Event.Organizer priya = new Event.Organizer().setEmail("priya.nair@example.org").setDisplayName("Priya Nair");
		store.seed(account.email(), new Event().setId(EventWrites.newId()).setSummary("Product demo — Nair Logistics")
			.setStart(timed(demo, zone)).setEnd(timed(demo.plusMinutes(30), zone)).setOrganizer(priya)
			.setCreator(new Event.Creator().setEmail("priya.nair@example.org").setDisplayName("Priya Nair"))
			.setAttendees(new ArrayList<>(List.of(
					new EventAttendee().setEmail("priya.nair@example.org").setDisplayName("Priya Nair")
						.setResponseStatus("accepted"),
					new EventAttendee().setEmail(account.email()).setDisplayName(account.name())
						.setResponseStatus("needsAction")))));
	}

	private static EventDateTime timed(LocalDateTime local, ZoneId zone) {
		return EventTimes.at(local, zone, new EventDateTime().setDateTime(new DateTime(0)).setTimeZone(zone.getId()));
	}

}
