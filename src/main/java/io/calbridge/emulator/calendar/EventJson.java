package io.calbridge.emulator.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.model.Event;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Google's own JSON mapping for Calendar resources (RFC 3339 dates, Google field names). */
public final class EventJson {

	/** A start or end is one value: patching {@code dateTime} into an all-day event must drop its {@code date}. */
	private static final java.util.Set<String> WHOLE = java.util.Set.of("start", "end", "originalStartTime");

	private EventJson() {
	}

	/** Google writes event times without fractional seconds: {@code "dateTime":"2026-12-03T14:00:00-03:00"}. */
	private static final java.util.regex.Pattern WHOLE_SECONDS = java.util.regex.Pattern
		.compile("(\"dateTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.000");

	public static String write(Object resource) {
		try {
			return WHOLE_SECONDS.matcher(GsonFactory.getDefaultInstance().toString(resource)).replaceAll("$1");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Parses a request body into {@code type}; malformed JSON is Google's 400 {@code parseError}. */
	public static <T> T read(String json, Class<T> type) {
		try {
			return GsonFactory.getDefaultInstance().fromString(json, type);
		}
		catch (IOException | RuntimeException e) {
			throw new GoogleError(400, "global", "parseError", "Parse Error");
		}
	}

	/**
	 * Patch semantics of Google APIs: objects merge field by field, arrays and values replace, an explicit null
	 * clears the field.
	 */
	static Event merge(Event current, String patchJson) {
		JsonElement patch;
		try {
			patch = JsonParser.parseString(patchJson);
		}
		catch (RuntimeException e) {
			throw new GoogleError(400, "global", "parseError", "Parse Error");
		}
		if (!patch.isJsonObject()) {
			throw new GoogleError(400, "global", "parseError", "Parse Error");
		}
		JsonObject base = JsonParser.parseString(write(current)).getAsJsonObject();
		mergeInto(base, patch.getAsJsonObject());
		return read(base.toString(), Event.class);
	}

	private static void mergeInto(JsonObject base, JsonObject patch) {
		for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
			JsonElement value = entry.getValue();
			JsonElement existing = base.get(entry.getKey());
			if (value.isJsonNull()) {
				base.remove(entry.getKey());
			}
			else if (value.isJsonObject() && existing != null && existing.isJsonObject()
					&& !WHOLE.contains(entry.getKey())) {
				mergeInto(existing.getAsJsonObject(), value.getAsJsonObject());
			}
			else {
				base.add(entry.getKey(), value);
			}
		}
	}

}
