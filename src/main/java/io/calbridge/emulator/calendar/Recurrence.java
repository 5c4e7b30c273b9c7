package io.calbridge.emulator.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The part of RFC 5545 recurrence that calendars use day to day: RRULE with FREQ DAILY/WEEKLY/MONTHLY/YEARLY,
 * INTERVAL, COUNT, UNTIL, BYDAY (with ordinals for MONTHLY, e.g. {@code -1FR}) and BYMONTHDAY, plus RDATE and
 * EXDATE lines. Occurrences are computed in the event's time zone, so a 09:30 meeting stays at 09:30 across DST.
 */
final class Recurrence {

	/** Expansion stops here even for endless rules: Google pages through them, the emulator caps them. */
	static final int MAX_OCCURRENCES = 1000;

	private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private Recurrence() {
	}

	/** Local start times of the occurrences that begin before {@code until} (all-day: at midnight). */
	static List<LocalDateTime> occurrences(List<String> lines, LocalDateTime dtstart, ZoneId zone, Instant until) {
		TreeSet<LocalDateTime> result = new TreeSet<>();
		TreeSet<LocalDateTime> excluded = new TreeSet<>();
		LocalDateTime limit = LocalDateTime.ofInstant(until, zone);
		result.add(dtstart);
		for (String line : lines) {
			String upper = line.trim();
			if (upper.startsWith("RRULE:")) {
				result.addAll(expand(rule(upper.substring(6)), dtstart, zone, limit));
			}
			else if (upper.startsWith("EXDATE")) {
				excluded.addAll(dates(upper, dtstart, zone));
			}
			else if (upper.startsWith("RDATE")) {
				result.addAll(dates(upper, dtstart, zone));
			}
		}
		result.removeAll(excluded);
		return result.stream().filter(t -> t.isBefore(limit)).limit(MAX_OCCURRENCES).toList();
	}

	/** Rejects what this expander cannot read, so a client learns it at insert time (Google: 400 invalid). */
	static void validate(List<String> lines) {
		for (String line : lines) {
			String l = line.trim();
			if (l.startsWith("RRULE:")) {
				Map<String, String> rule = rule(l.substring(6));
				String freq = rule.get("FREQ");
				if (freq == null || !List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY").contains(freq)) {
					throw GoogleError.invalid("Invalid recurrence rule.", "recurrence");
				}
			}
			else if (!l.startsWith("EXDATE") && !l.startsWith("RDATE") && !l.startsWith("EXRULE")) {
				throw GoogleError.invalid("Invalid recurrence rule.", "recurrence");
			}
		}
	}

	private static Map<String, String> rule(String text) {
		Map<String, String> rule = new HashMap<>();
		for (String part : text.split(";")) {
			int eq = part.indexOf('=');
			if (eq > 0) {
				rule.put(part.substring(0, eq).toUpperCase(), part.substring(eq + 1).toUpperCase());
			}
		}
		return rule;
	}

	private static List<LocalDateTime> expand(Map<String, String> rule, LocalDateTime start, ZoneId zone,
			LocalDateTime limit) {
		int interval = Integer.parseInt(rule.getOrDefault("INTERVAL", "1"));
		int count = rule.containsKey("COUNT") ? Integer.parseInt(rule.get("COUNT")) : Integer.MAX_VALUE;
		LocalDateTime until = rule.containsKey("UNTIL") ? parseOne(rule.get("UNTIL"), zone) : null;
		List<LocalDateTime> out = new ArrayList<>();
		int produced = 0;
		for (int period = 0; period < 5000 && produced < count; period++) {
			for (LocalDateTime candidate : candidates(rule, start, period * interval)) {
				if (candidate.isBefore(start)) {
					continue;
				}
				if ((until != null && candidate.isAfter(until)) || !candidate.isBefore(limit) || produced >= count
						|| out.size() >= MAX_OCCURRENCES) {
					return out;
				}
				out.add(candidate);
				produced++;
			}
		}
		return out;
	}

	private static List<LocalDateTime> candidates(Map<String, String> rule, LocalDateTime start, int step) {
		LocalTime time = start.toLocalTime();
		List<LocalDateTime> list = new ArrayList<>();
		switch (rule.get("FREQ")) {
			case "DAILY" -> list.add(start.plusDays(step));
			case "WEEKLY" -> {
				LocalDate monday = start.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(step);
				List<DayOfWeek> days = rule.containsKey("BYDAY")
						? List.of(rule.get("BYDAY").split(",")).stream().map(d -> day(d.replaceAll("[-+0-9]", ""))).sorted().toList()
						: List.of(start.getDayOfWeek());
				days.forEach(d -> list.add(monday.with(TemporalAdjusters.nextOrSame(d)).atTime(time)));
			}
			case "MONTHLY" -> {
				YearMonth month = YearMonth.from(start).plusMonths(step);
				if (rule.containsKey("BYDAY")) {
					for (String d : rule.get("BYDAY").split(",")) {
						String ordinal = d.replaceAll("[A-Z]", "");
						DayOfWeek dow = day(d.replaceAll("[-+0-9]", ""));
						int n = ordinal.isEmpty() ? 1 : Integer.parseInt(ordinal);
						LocalDate date = n > 0 ? month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow))
								: month.atEndOfMonth().with(TemporalAdjusters.lastInMonth(dow)).plusWeeks(n + 1);
						if (YearMonth.from(date).equals(month)) {
							list.add(date.atTime(time));
						}
					}
				}
				else {
					String days = rule.getOrDefault("BYMONTHDAY", String.valueOf(start.getDayOfMonth()));
					for (String d : days.split(",")) {
						int day = Integer.parseInt(d);
						int actual = day > 0 ? day : month.lengthOfMonth() + day + 1;
						if (actual >= 1 && actual <= month.lengthOfMonth()) {
							list.add(month.atDay(actual).atTime(time));
						}
					}
				}
				list.sort(null);
			}
			case "YEARLY" -> {
				LocalDateTime next = start.plusYears(step);
				if (next.getDayOfMonth() == start.getDayOfMonth()) {
					list.add(next);
				}
			}
			default -> throw GoogleError.invalid("Invalid recurrence rule.", "recurrence");
		}
		return list;
	}

	private static DayOfWeek day(String code) {
		return switch (code) {
			case "MO" -> DayOfWeek.MONDAY;
			case "TU" -> DayOfWeek.TUESDAY;
			case "WE" -> DayOfWeek.WEDNESDAY;
			case "TH" -> DayOfWeek.THURSDAY;
			case "FR" -> DayOfWeek.FRIDAY;
			case "SA" -> DayOfWeek.SATURDAY;
			case "SU" -> DayOfWeek.SUNDAY;
			default -> throw GoogleError.invalid("Invalid recurrence rule.", "recurrence");
		};
	}

	/** {@code EXDATE;TZID=Europe/Berlin:20261105T090000,20261112T090000}, {@code EXDATE:20261105T080000Z}, {@code ;VALUE=DATE:20261105}. */
	private static List<LocalDateTime> dates(String line, LocalDateTime dtstart, ZoneId zone) {
		int colon = line.indexOf(':');
		String params = line.substring(0, colon);
		ZoneId tz = zone;
		for (String p : params.split(";")) {
			if (p.startsWith("TZID=")) {
				tz = ZoneId.of(p.substring(5));
			}
		}
		List<LocalDateTime> out = new ArrayList<>();
		for (String value : line.substring(colon + 1).split(",")) {
			LocalDateTime t = value.endsWith("Z") || value.length() == 8 ? parseOne(value, zone)
					: LocalDateTime.parse(value, BASIC).atZone(tz).withZoneSameInstant(zone).toLocalDateTime();
			out.add(value.length() == 8 ? t.toLocalDate().atTime(dtstart.toLocalTime()) : t);
		}
		return out;
	}

	private static LocalDateTime parseOne(String value, ZoneId zone) {
		if (value.length() == 8) {
			return LocalDate.parse(value, DATE).atTime(LocalTime.MAX);
		}
		if (value.endsWith("Z")) {
			return LocalDateTime.parse(value.substring(0, value.length() - 1), BASIC).atOffset(ZoneOffset.UTC)
				.atZoneSameInstant(zone).toLocalDateTime();
		}
		return LocalDateTime.parse(value, BASIC);
	}

}
