package io.calbridge.emulator.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.calbridge.emulator.EmulatorProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Google accounts of the emulator and the calendars each one sees, fixed by configuration. Every account
 * owns a primary calendar (its id is the account's email, as at Google), a secondary calendar, and reads the
 * shared holiday calendar, which like Google's generated calendars cannot be written or watched.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class GoogleAccounts {

	public static final String HOLIDAYS_ID = "en.usa#holiday@group.v.calendar.google.com";

	/** A Google account: who signs in on the consent page and whose calendars the tokens open. */
	public record GoogleAccount(String email, String name, String timeZone, List<CalendarAccess> calendars) {

		public String givenName() {
			int space = name.indexOf(' ');
			return space < 0 ? name : name.substring(0, space);
		}

		public String familyName() {
			int space = name.indexOf(' ');
			return space < 0 ? "" : name.substring(space + 1);
		}

		/** Google's numeric, stable user id ({@code sub}). */
		public String sub() {
			return String.valueOf(Math.abs((long) email.hashCode()) + 100_000_000_000_000_000L);
		}

		public Optional<CalendarAccess> access(String calendarId) {
			return calendars.stream().filter(c -> c.calendarId().equals(calendarId)).findFirst();
		}

	}

	/** One row of an account's calendar list. */
	public record CalendarAccess(String calendarId, String accessRole, boolean primary, String colorId) {

		public boolean canWrite() {
			return "owner".equals(accessRole) || "writer".equals(accessRole);
		}

	}

	/** A calendar as it exists once, whoever looks at it. */
	public record CalendarInfo(String id, String summary, String description, String timeZone, boolean generated,
			Optional<String> ownerEmail) {
	}

	private final Map<String, GoogleAccount> accounts = new LinkedHashMap<>();

	private final Map<String, CalendarInfo> calendars = new LinkedHashMap<>();

	public GoogleAccounts(EmulatorProperties properties) {
		calendars.put(HOLIDAYS_ID, new CalendarInfo(HOLIDAYS_ID, "Holidays in United States",
				"Holidays and Observances in United States", "America/New_York", true, Optional.empty()));
		for (EmulatorProperties.Account a : properties.accounts()) {
			String secondaryId = secondaryCalendarId(a.email());
			String secondaryName = a.secondaryCalendar() == null ? a.name() + " — Work" : a.secondaryCalendar();
			calendars.put(a.email(), new CalendarInfo(a.email(), a.email(), null, a.timeZone(), false,
					Optional.of(a.email())));
			calendars.put(secondaryId, new CalendarInfo(secondaryId, secondaryName, "Shared with the team",
					a.timeZone(), false, Optional.of(a.email())));
			List<CalendarAccess> list = new ArrayList<>();
			list.add(new CalendarAccess(a.email(), "owner", true, "14"));
			list.add(new CalendarAccess(secondaryId, "owner", false, "9"));
			list.add(new CalendarAccess(HOLIDAYS_ID, "reader", false, "8"));
			accounts.put(a.email().toLowerCase(), new GoogleAccount(a.email(), a.name(), a.timeZone(), List.copyOf(list)));
		}
	}

	/** Google's newer secondary calendar ids look like {@code c_<hex>@group.calendar.google.com}; stable per account. */
	static String secondaryCalendarId(String email) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("secondary:" + email).getBytes(StandardCharsets.UTF_8));
			return "c_" + HexFormat.of().formatHex(hash).substring(0, 40) + "@group.calendar.google.com";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public List<GoogleAccount> all() {
		return List.copyOf(accounts.values());
	}

	public Optional<GoogleAccount> find(String email) {
		return email == null ? Optional.empty() : Optional.ofNullable(accounts.get(email.toLowerCase()));
	}

	public Optional<CalendarInfo> calendar(String calendarId) {
		return Optional.ofNullable(calendars.get(calendarId));
	}

	public List<CalendarInfo> calendars() {
		return List.copyOf(calendars.values());
	}

	/**
	 * What {@code account} may do with {@code calendarId} ({@code primary} meaning its own); empty when the account
	 * does not see that calendar, which Google answers with 404.
	 */
	public Optional<CalendarAccess> resolve(GoogleAccount account, String calendarId) {
		String id = "primary".equals(calendarId) ? account.email() : calendarId;
		return account.access(id);
	}

}
