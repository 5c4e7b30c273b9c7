package io.calbridge.emulator.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.ColorDefinition;
import com.google.api.services.calendar.model.Colors;
import com.google.api.services.calendar.model.ConferenceProperties;
import com.google.api.services.calendar.model.EventReminder;

import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarInfo;
import io.calbridge.emulator.calendar.GoogleError;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code calendarList.list/get}, {@code calendars.get} and {@code colors.get}. */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class CalendarListEndpoint {

	/** Google's calendar palette ({@code colors.get}, "calendar"). */
	private static final String[] CALENDAR_COLORS = { "#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ff7537", "#ffad46",
			"#42d692", "#16a765", "#7bd148", "#b3dc6c", "#fbe983", "#fad165", "#92e1c0", "#9fe1e7", "#9fc6e7", "#4986e7",
			"#9a9cff", "#b99aff", "#c2c2c2", "#cabdbf", "#cca6ac", "#f691b2", "#cd74e6", "#a47ae2" };

	/** Google's event palette ({@code colors.get}, "event"); colorId "1" to "11". */
	static final String[] EVENT_COLORS = { "#a4bdfc", "#7ae7bf", "#dbadff", "#ff887c", "#fbd75b", "#ffb878", "#46d6db",
			"#e1e1e1", "#5484ed", "#51b749", "#dc2127" };

	/** The calendar list never changes in the emulator, so one sync token stands for "nothing new". */
	private static final String SYNC_TOKEN = "calendarList-v1";

	private final GoogleAccounts accounts;

	CalendarListEndpoint(GoogleAccounts accounts) {
		this.accounts = accounts;
	}

	ApiResponse list(Call call) {
		call.requireListScope();
		ApiRequest r = call.request();
		List<CalendarListEntry> all = new ArrayList<>();
		String minRole = r.param("minAccessRole").orElse("freeBusyReader");
		if (r.param("syncToken").isPresent()) {
			if (!SYNC_TOKEN.equals(r.param("syncToken").get())) {
				throw GoogleError.fullSyncRequired();
			}
		}
		else {
			for (CalendarAccess access : call.account().calendars()) {
				if (rank(access.accessRole()) >= rank(minRole)) {
					all.add(entry(access));
				}
			}
		}
		int max = r.param("maxResults").map(Integer::parseInt).map(n -> Math.max(1, Math.min(n, 250))).orElse(100);
		int offset = r.param("pageToken").map(CalendarListEndpoint::offset).orElse(0);
		CalendarList list = new CalendarList().setKind("calendar#calendarList").setEtag("\"p33k9lxvsfm1ug0g\"")
			.setItems(all.subList(Math.min(offset, all.size()), Math.min(offset + max, all.size())));
		if (offset + max < all.size()) {
			list.setNextPageToken(Base64.getUrlEncoder().withoutPadding()
				.encodeToString(String.valueOf(offset + max).getBytes(StandardCharsets.UTF_8)));
		}
		else {
			list.setNextSyncToken(SYNC_TOKEN);
		}
		return ApiResponse.json(200, list);
	}

	ApiResponse get(Call call, String calendarId) {
		call.requireListScope();
		return ApiResponse.json(200, entry(call.calendar(accounts, calendarId)));
	}

	ApiResponse calendar(Call call, String calendarId) {
		call.requireScope(false);
		CalendarInfo info = info(call.calendar(accounts, calendarId));
		return ApiResponse.json(200, new com.google.api.services.calendar.model.Calendar().setKind("calendar#calendar")
			.setEtag("\"" + Math.abs(info.id().hashCode()) + "\"").setId(info.id()).setSummary(info.summary())
			.setDescription(info.description()).setTimeZone(info.timeZone()).setConferenceProperties(conference(info)));
	}

	ApiResponse colors(Call call) {
		Map<String, ColorDefinition> calendar = new LinkedHashMap<>();
		for (int i = 0; i < CALENDAR_COLORS.length; i++) {
			calendar.put(String.valueOf(i + 1), new ColorDefinition().setBackground(CALENDAR_COLORS[i]).setForeground("#1d1d1d"));
		}
		Map<String, ColorDefinition> event = new LinkedHashMap<>();
		for (int i = 0; i < EVENT_COLORS.length; i++) {
			event.put(String.valueOf(i + 1), new ColorDefinition().setBackground(EVENT_COLORS[i]).setForeground("#1d1d1d"));
		}
		return ApiResponse.json(200, new Colors().setKind("calendar#colors").setUpdated(new DateTime("2012-02-14T00:00:00.000Z"))
			.setCalendar(calendar).setEvent(event));
	}

	private CalendarListEntry entry(CalendarAccess access) {
		CalendarInfo info = info(access);
		int color = Integer.parseInt(access.colorId());
		CalendarListEntry e = new CalendarListEntry().setKind("calendar#calendarListEntry")
			.setEtag("\"" + Math.abs((info.id() + access.accessRole()).hashCode()) + "\"").setId(info.id())
			.setSummary(info.summary()).setDescription(info.description()).setTimeZone(info.timeZone())
			.setColorId(access.colorId()).setBackgroundColor(CALENDAR_COLORS[color - 1]).setForegroundColor("#000000")
			.setSelected(true).setAccessRole(access.accessRole()).setConferenceProperties(conference(info))
			.setDefaultReminders(access.canWrite() ? List.of(new EventReminder().setMethod("popup").setMinutes(10)) : List.of());
		if (access.primary()) {
			e.setPrimary(true);
		}
		return e;
	}

	private CalendarInfo info(CalendarAccess access) {
		return accounts.calendar(access.calendarId()).orElseThrow(GoogleError::notFound);
	}

	private static ConferenceProperties conference(CalendarInfo info) {
		return new ConferenceProperties().setAllowedConferenceSolutionTypes(info.generated() ? List.of() : List.of("hangoutsMeet"));
	}

	private static int rank(String role) {
		return switch (role) {
			case "owner" -> 3;
			case "writer" -> 2;
			case "reader" -> 1;
			default -> 0;
		};
	}

	private static int offset(String pageToken) {
		try {
			return Integer.parseInt(new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException e) {
			throw GoogleError.invalid("Invalid page token value.", "pageToken");
		}
	}

}
