package io.calbridge.tasks;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** IANA zone names only: Google's events take region ids such as Europe/Berlin, not offsets like +02:00. */
final class TimeZones {

	static final List<String> ALL = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
		.sorted()
		.toList();

	private TimeZones() {
	}

	static Optional<ZoneId> parse(String id) {
		if (id == null || id.isBlank()) {
			return Optional.empty();
		}
		try {
			ZoneId zone = ZoneId.of(id.strip());
			return zone instanceof ZoneOffset ? Optional.empty() : Optional.of(zone);
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

}
