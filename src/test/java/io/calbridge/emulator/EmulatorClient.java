package io.calbridge.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What the emulator's tests use to reach it over HTTP: Google's own Calendar client for the API, plain
 * java.net.http for the admin API.
 */
final class EmulatorClient {

	static final String ANA = "ana.souza@example.com";

	static final String BEN = "ben.keller@example.com";

	static final String HOLIDAYS = "en.usa#holiday@group.v.calendar.google.com";

	final int port;

	final HttpClient http = HttpClient.newHttpClient();

	EmulatorClient(int port) {
		this.port = port;
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	String root() {
		return base() + "/emulator/google/";
	}

	void reset() {
		admin("POST", "reset", "{}");
	}

	String token(String email) {
		return admin("POST", "tokens", "{\"email\":\"" + email + "\"}").getAsJsonObject().get("access_token").getAsString();
	}

	Calendar calendar(String accessToken) {
		return new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
				request -> request.getHeaders().setAuthorization("Bearer " + accessToken))
			.setRootUrl(root())
			.setApplicationName("CalBridge emulator tests")
			.build();
	}

	Calendar calendarOf(String email) {
		return calendar(token(email));
	}

	/** The account's secondary calendar, which starts empty after a reset. */
	String secondaryCalendar(String email) {
		for (JsonElement a : admin("GET", "accounts", null).getAsJsonArray()) {
			if (a.getAsJsonObject().get("email").getAsString().equals(email)) {
				for (JsonElement c : a.getAsJsonObject().getAsJsonArray("calendars")) {
					JsonObject cal = c.getAsJsonObject();
					if (!cal.get("primary").getAsBoolean() && !cal.get("readOnly").getAsBoolean()) {
						return cal.get("id").getAsString();
					}
				}
			}
		}
		throw new IllegalStateException("no secondary calendar for " + email);
	}

	JsonElement admin(String method, String path, String json) {
		HttpResponse<String> response = adminRaw(method, path, json);
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
		}
		return JsonParser.parseString(response.body());
	}

	HttpResponse<String> adminRaw(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/emulator/admin/" + path))
			.header("Content-Type", "application/json");
		request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		return send(request.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static List<String> strings(JsonArray array) {
		return array.asList().stream().map(JsonElement::getAsString).toList();
	}

}
