package io.calbridge.emulator.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventReminder;
import com.google.api.services.calendar.model.Events;

import io.calbridge.emulator.calendar.CalendarStore;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.EventPage;
import io.calbridge.emulator.calendar.EventQuery;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarInfo;
import io.calbridge.emulator.calendar.GoogleError;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code events.*} of Calendar API v3: parameters checked as Google checks them, then the store. */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class EventsEndpoint {

	/** Google: these cannot accompany a syncToken (400). */
	private static final List<String> FORBIDDEN_WITH_SYNC_TOKEN = List.of("iCalUID", "orderBy",
			"privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin");

	private static final Set<String> SEND_UPDATES = Set.of("all", "externalOnly", "none");

	private final CalendarStore store;

	private final GoogleAccounts accounts;

	EventsEndpoint(CalendarStore store, GoogleAccounts accounts) {
		this.store = store;
		this.accounts = accounts;
	}

	ApiResponse list(Call call, String calendarId) {
		call.requireScope(false);
		CalendarAccess access = call.calendar(accounts, calendarId);
		ApiRequest r = call.request();
		Optional<String> syncToken = r.param("syncToken");
		if (syncToken.isPresent()) {
			boolean restricted = FORBIDDEN_WITH_SYNC_TOKEN.stream().anyMatch(p -> r.param(p).isPresent())
					|| r.param("showDeleted").filter("false"::equals).isPresent();
			if (restricted) {
				// Google's answer, as observed: reason syncTokenWithRequestRestrictions.
				throw new GoogleError(400, "calendar", "syncTokenWithRequestRestrictions",
						"Sync token cannot be used with other request restrictions.");
			}
		}
		boolean singleEvents = bool(r, "singleEvents");
		Optional<String> orderBy = r.param("orderBy");
		if (orderBy.isPresent() && !("startTime".equals(orderBy.get()) && singleEvents) && !"updated".equals(orderBy.get())) {
			throw GoogleError.invalid("The requested ordering is not available for the particular query.", "orderBy");
		}
		Optional<Instant> timeMin = time(r, "timeMin");
		Optional<Instant> timeMax = time(r, "timeMax");
		if (timeMin.isPresent() && timeMax.isPresent() && !timeMin.get().isBefore(timeMax.get())) {
			throw new GoogleError(400, "calendar", "timeRangeEmpty", "The specified time range is empty.", "parameter",
					"timeMax");
		}
		int maxResults = r.param("maxResults").map(EventsEndpoint::maxResults).orElse(250);
		EventQuery query = new EventQuery(maxResults, r.param("pageToken"), syncToken,
				syncToken.isPresent() || bool(r, "showDeleted"), singleEvents, timeMin, timeMax, time(r, "updatedMin"),
				r.params("privateExtendedProperty"), r.params("sharedExtendedProperty"), r.param("q"), orderBy,
				r.param("iCalUID"));
		return ApiResponse.json(200, events(access, store.list(access.calendarId(), query), r.param("timeZone")));
	}

	ApiResponse instances(Call call, String calendarId, String eventId) {
		call.requireScope(false);
		CalendarAccess access = call.calendar(accounts, calendarId);
		Event master = store.get(access.calendarId(), eventId);
		if (master.getRecurrence() == null) {
			return ApiResponse.json(200, events(access, new EventPage(List.of(), Optional.empty(), Optional.empty(),
					master.getEtag(), System.currentTimeMillis()), Optional.empty()));
		}
		EventQuery query = new EventQuery(2500, Optional.empty(), Optional.empty(), bool(call.request(), "showDeleted"),
				true, time(call.request(), "timeMin"), time(call.request(), "timeMax"), Optional.empty(), List.of(),
				List.of(), Optional.empty(), Optional.of("startTime"), Optional.empty());
		EventPage all = store.list(access.calendarId(), query);
		List<Event> mine = all.items().stream().filter(e -> eventId.equals(e.getRecurringEventId())).toList();
		return ApiResponse.json(200, events(access, new EventPage(mine, Optional.empty(), Optional.empty(), all.etag(),
				all.updatedMillis()), Optional.empty()));
	}

	ApiResponse get(Call call, String calendarId, String eventId) {
		call.requireScope(false);
		CalendarAccess access = call.calendar(accounts, calendarId);
		Event event = store.get(access.calendarId(), eventId);
		Optional<String> ifNoneMatch = call.request().header("If-None-Match");
		if (ifNoneMatch.isPresent() && ifNoneMatch.get().equals(event.getEtag())) {
			return ApiResponse.empty(304);
		}
		return ApiResponse.json(200, event, event.getEtag());
	}

	ApiResponse insert(Call call, String calendarId) {
		CalendarAccess access = call.writableCalendar(accounts, calendarId);
		checkSendUpdates(call.request());
		Event body = EventJson.read(call.request().body(), Event.class);
		Event stored = store.insert(access.calendarId(), body, call.writer());
		return ApiResponse.json(200, stored, stored.getEtag());
	}

	ApiResponse update(Call call, String calendarId, String eventId) {
		CalendarAccess access = call.writableCalendar(accounts, calendarId);
		checkSendUpdates(call.request());
		Event body = EventJson.read(call.request().body(), Event.class);
		Event stored = store.update(access.calendarId(), eventId, body, call.writer());
		return ApiResponse.json(200, stored, stored.getEtag());
	}

	ApiResponse patch(Call call, String calendarId, String eventId) {
		CalendarAccess access = call.writableCalendar(accounts, calendarId);
		checkSendUpdates(call.request());
		String body = call.request().body().isBlank() ? "{}" : call.request().body();
		Event stored = store.patch(access.calendarId(), eventId, body, call.writer());
		return ApiResponse.json(200, stored, stored.getEtag());
	}

	ApiResponse move(Call call, String calendarId, String eventId) {
		CalendarAccess access = call.writableCalendar(accounts, calendarId);
		String destination = call.request().param("destination")
			.orElseThrow(() -> GoogleError.required("Required parameter: destination"));
		CalendarAccess target = call.writableCalendar(accounts, destination);
		checkSendUpdates(call.request());
		Event stored = store.move(access.calendarId(), eventId, target.calendarId());
		return ApiResponse.json(200, stored, stored.getEtag());
	}

	ApiResponse delete(Call call, String calendarId, String eventId) {
		CalendarAccess access = call.writableCalendar(accounts, calendarId);
		checkSendUpdates(call.request());
		store.delete(access.calendarId(), eventId, call.writer());
		return ApiResponse.empty(204);
	}

	private Events events(CalendarAccess access, EventPage page, Optional<String> timeZone) {
		CalendarInfo info = accounts.calendar(access.calendarId()).orElseThrow(GoogleError::notFound);
		List<EventReminder> reminders = access.canWrite()
				? List.of(new EventReminder().setMethod("popup").setMinutes(10)) : List.of();
		Events events = new Events().setKind("calendar#events").setEtag(page.etag()).setSummary(info.summary())
			.setDescription(info.description()).setUpdated(new DateTime(page.updatedMillis()))
			.setTimeZone(timeZone.orElse(info.timeZone())).setAccessRole(access.accessRole())
			.setDefaultReminders(reminders).setItems(page.items());
		page.nextPageToken().ifPresent(events::setNextPageToken);
		page.nextSyncToken().ifPresent(events::setNextSyncToken);
		return events;
	}

	private static void checkSendUpdates(ApiRequest r) {
		Optional<String> sendUpdates = r.param("sendUpdates");
		if (sendUpdates.isPresent() && !SEND_UPDATES.contains(sendUpdates.get())) {
			throw GoogleError.invalid("Invalid sendUpdates value.", "sendUpdates");
		}
	}

	private static boolean bool(ApiRequest r, String name) {
		return r.param(name).map(Boolean::parseBoolean).orElse(false);
	}

	/** Google: "The page size can never be larger than 2500 events"; larger values are capped. */
	private static int maxResults(String value) {
		try {
			int n = Integer.parseInt(value);
			if (n < 1) {
				throw GoogleError.invalid("Invalid value '" + value + "'. Values must be within the range: [1, 2500]",
						"maxResults");
			}
			return Math.min(n, 2500);
		}
		catch (NumberFormatException e) {
			throw GoogleError.invalid("Invalid value '" + value + "'.", "maxResults");
		}
	}

	/** RFC 3339 with a mandatory offset, as Google requires for timeMin/timeMax/updatedMin. */
	private static Optional<Instant> time(ApiRequest r, String name) {
		Optional<String> value = r.param(name);
		if (value.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(OffsetDateTime.parse(value.get()).toInstant());
		}
		catch (DateTimeParseException e) {
			throw new GoogleError(400, "global", "badRequest", "Bad Request", "parameter", name);
		}
	}

}
