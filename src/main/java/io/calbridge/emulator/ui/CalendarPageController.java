package io.calbridge.emulator.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;

import io.calbridge.emulator.calendar.CalendarStore;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.EventQuery;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;
import io.calbridge.emulator.calendar.GoogleError;
import io.calbridge.emulator.calendar.Writer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Google Calendar — emulated": what a person does in Google's own UI (create, edit, move, delete, answer an
 * invitation), so one can watch CalBridge react. Every change goes through the same store as the API, so
 * watchers get their push notifications.
 */
@Controller
@RequestMapping("/emulator/calendar")
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class CalendarPageController {

	private static final String VIEW = "emulator/calendar";

	private static final int DAYS_SHOWN = 14;

	private static final String[] EVENT_COLORS = { "#a4bdfc", "#7ae7bf", "#dbadff", "#ff887c", "#fbd75b", "#ffb878",
			"#46d6db", "#e1e1e1", "#5484ed", "#51b749", "#dc2127" };

	private final CalendarStore store;

	private final GoogleAccounts accounts;

	CalendarPageController(CalendarStore store, GoogleAccounts accounts) {
		this.store = store;
		this.accounts = accounts;
	}

	@GetMapping
	String agenda(@RequestParam(required = false) String account, @RequestParam(required = false) LocalDate from,
			Model model) {
		GoogleAccount who = account(account);
		ZoneId zone = ZoneId.of(who.timeZone());
		LocalDate start = from != null ? from : LocalDate.now(zone);
		Instant min = start.atStartOfDay(zone).toInstant();
		Instant max = start.plusDays(DAYS_SHOWN).atStartOfDay(zone).toInstant();
		Map<LocalDate, List<AgendaView.Item>> byDay = new TreeMap<>();
		for (CalendarAccess access : who.calendars()) {
			String name = accounts.calendar(access.calendarId()).map(c -> c.summary()).orElse(access.calendarId());
			for (Event e : store.list(access.calendarId(), EventQuery.all().expanded(min, max)).items()) {
				LocalDate day = EventsOnPage.day(e, zone);
				byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(EventsOnPage.item(e, access, name, who, zone));
			}
		}
		List<AgendaView.Day> days = new ArrayList<>();
		byDay.forEach((date, items) -> {
			items.sort(Comparator.comparing((AgendaView.Item i) -> !i.allDay()).thenComparing(AgendaView.Item::startTime));
			days.add(new AgendaView.Day(date, date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", "
					+ date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)), items));
		});
		model.addAttribute("accounts", accounts.all());
		model.addAttribute("account", who);
		model.addAttribute("writable", who.calendars().stream().filter(CalendarAccess::canWrite)
			.map(c -> Map.of("id", c.calendarId(), "name", accounts.calendar(c.calendarId()).orElseThrow().summary())).toList());
		model.addAttribute("agenda", new AgendaView(days));
		model.addAttribute("from", start);
		model.addAttribute("previous", start.minusDays(7));
		model.addAttribute("next", start.plusDays(7));
		model.addAttribute("today", LocalDate.now(zone));
		java.util.Set<String> mine = new java.util.HashSet<>();
		who.calendars().forEach(c -> mine.add(c.calendarId()));
		List<io.calbridge.emulator.calendar.MailLog.SentMail> mail = new ArrayList<>(store.mail().all());
		java.util.Collections.reverse(mail);
		model.addAttribute("mail", mail.stream().filter(m -> mine.contains(m.calendarId())).limit(20).toList());
		return VIEW;
	}

	@PostMapping("/events")
	String create(@RequestParam String account, @RequestParam String calendarId, @RequestParam String summary,
			@RequestParam LocalDate date, @RequestParam(required = false) LocalTime start,
			@RequestParam(required = false) LocalTime end, @RequestParam(required = false) String description,
			@RequestParam(required = false) String colorId) {
		GoogleAccount who = account(account);
		ZoneId zone = ZoneId.of(who.timeZone());
		Event e = new Event().setSummary(summary).setDescription(blankToNull(description)).setColorId(blankToNull(colorId));
		times(e, date, start, end, zone);
		store.insert(writable(who, calendarId), e, Writer.of(who.email(), who.name()));
		return back(who, date);
	}

	@PostMapping("/events/update")
	String update(@RequestParam String account, @RequestParam String calendarId, @RequestParam String eventId,
			@RequestParam String summary, @RequestParam LocalDate date, @RequestParam(required = false) LocalTime start,
			@RequestParam(required = false) LocalTime end, @RequestParam(required = false) String description,
			@RequestParam(required = false) String colorId) {
		GoogleAccount who = account(account);
		Event patch = new Event().setSummary(summary).setDescription(blankToNull(description)).setColorId(blankToNull(colorId));
		times(patch, date, start, end, ZoneId.of(who.timeZone()));
		// An emptied field clears the value, as in Google's editor: send it as an explicit null.
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(EventJson.write(patch)).getAsJsonObject();
		for (String cleared : List.of("description", "colorId")) {
			if (!json.has(cleared)) {
				json.add(cleared, com.google.gson.JsonNull.INSTANCE);
			}
		}
		store.patch(writable(who, calendarId), eventId, json.toString(), Writer.of(who.email(), who.name()));
		return back(who, date);
	}

	@PostMapping("/events/move")
	String move(@RequestParam String account, @RequestParam String calendarId, @RequestParam String eventId,
			@RequestParam int days) {
		GoogleAccount who = account(account);
		String id = writable(who, calendarId);
		Event current = store.get(id, eventId);
		Event patch = new Event().setStart(shift(current.getStart(), days)).setEnd(shift(current.getEnd(), days));
		store.patch(id, eventId, EventJson.write(patch), Writer.of(who.email(), who.name()));
		return back(who, EventsOnPage.day(store.get(id, eventId), ZoneId.of(who.timeZone())));
	}

	@PostMapping("/events/delete")
	String delete(@RequestParam String account, @RequestParam String calendarId, @RequestParam String eventId,
			@RequestParam(required = false) LocalDate from) {
		GoogleAccount who = account(account);
		store.delete(writable(who, calendarId), eventId, Writer.of(who.email(), who.name()));
		return back(who, from);
	}

	@PostMapping("/events/respond")
	String respond(@RequestParam String account, @RequestParam String calendarId, @RequestParam String eventId,
			@RequestParam String response, @RequestParam(required = false) LocalDate from) {
		GoogleAccount who = account(account);
		if (!List.of("accepted", "declined", "tentative").contains(response)) {
			throw GoogleError.badRequest("Unknown answer " + response);
		}
		store.respond(writable(who, calendarId), eventId, who.email(), response);
		return back(who, from);
	}

	@org.springframework.web.bind.annotation.ExceptionHandler(GoogleError.class)
	org.springframework.http.ResponseEntity<String> refused(GoogleError e) {
		return org.springframework.http.ResponseEntity.status(e.status())
			.contentType(org.springframework.http.MediaType.TEXT_PLAIN).body(e.getMessage());
	}

	private GoogleAccount account(String email) {
		return email == null ? accounts.all().get(0) : accounts.find(email).orElseThrow(GoogleError::notFound);
	}

	private String writable(GoogleAccount who, String calendarId) {
		CalendarAccess access = accounts.resolve(who, calendarId).orElseThrow(GoogleError::notFound);
		if (!access.canWrite()) {
			throw GoogleError.readOnlyCalendar();
		}
		return access.calendarId();
	}

	private static void times(Event e, LocalDate date, LocalTime start, LocalTime end, ZoneId zone) {
		if (start == null) {
			e.setStart(new EventDateTime().setDate(new DateTime(date.toString())));
			e.setEnd(new EventDateTime().setDate(new DateTime(date.plusDays(1).toString())));
			return;
		}
		LocalTime until = end == null || !end.isAfter(start) ? start.plusHours(1) : end;
		e.setStart(at(LocalDateTime.of(date, start), zone));
		e.setEnd(at(LocalDateTime.of(until.isBefore(start) ? date.plusDays(1) : date, until), zone));
	}

	private static EventDateTime at(LocalDateTime local, ZoneId zone) {
		var zoned = local.atZone(zone);
		return new EventDateTime().setDateTime(new DateTime(zoned.toInstant().toEpochMilli(),
				zoned.getOffset().getTotalSeconds() / 60)).setTimeZone(zone.getId());
	}

	private static EventDateTime shift(EventDateTime t, int days) {
		if (t.getDate() != null) {
			return new EventDateTime().setDate(new DateTime(LocalDate.parse(t.getDate().toStringRfc3339()).plusDays(days).toString()));
		}
		long millis = t.getDateTime().getValue() + days * 86_400_000L;
		return new EventDateTime().setDateTime(new DateTime(millis, t.getDateTime().getTimeZoneShift()))
			.setTimeZone(t.getTimeZone());
	}

	private static String back(GoogleAccount who, LocalDate from) {
		return "redirect:" + UriComponentsBuilder.fromPath("/emulator/calendar").queryParam("account", who.email())
			.queryParamIfPresent("from", java.util.Optional.ofNullable(from)).encode().build().toUriString();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	static String color(String colorId) {
		try {
			return EVENT_COLORS[Integer.parseInt(colorId) - 1];
		}
		catch (RuntimeException e) {
			return "#039be5";
		}
	}

	static String attendees(List<EventAttendee> attendees) {
		if (attendees == null) {
			return "";
		}
		return String.join(", ", attendees.stream()
			.map(a -> (a.getDisplayName() != null ? a.getDisplayName() : a.getEmail()) + " (" + a.getResponseStatus() + ")")
			.toList());
	}

}
