package io.calbridge.emulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.GoogleError;

/** What one call answers; the controller or the batch writer puts it on the wire. */
record ApiResponse(int status, Map<String, String> headers, String body, boolean lost) {

	static final String JSON = "application/json; charset=UTF-8";

	static ApiResponse json(int status, Object resource) {
		return new ApiResponse(status, Map.of("Content-Type", JSON), EventJson.write(resource), false);
	}

	static ApiResponse json(int status, Object resource, String etag) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", JSON);
		if (etag != null) {
			headers.put("ETag", etag);
		}
		return new ApiResponse(status, headers, EventJson.write(resource), false);
	}

	static ApiResponse empty(int status) {
		return new ApiResponse(status, Map.of(), "", false);
	}

	/** The change happened but the client never hears back (fault injection). */
	ApiResponse asLost() {
		return new ApiResponse(status, headers, body, true);
	}

	static ApiResponse error(GoogleError e) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("domain", e.domain());
		item.put("reason", e.reason());
		item.put("message", e.getMessage());
		if (e.locationType() != null) {
			item.put("locationType", e.locationType());
			item.put("location", e.location());
		}
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("errors", java.util.List.of(item));
		error.put("code", e.status());
		error.put("message", e.getMessage());
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", JSON);
		if (e.status() == 401) {
			headers.put("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
		}
		return new ApiResponse(e.status(), headers, EventJson.write(Map.of("error", error)), false);
	}

}
