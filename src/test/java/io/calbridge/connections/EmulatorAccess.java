package io.calbridge.connections;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a test asks the emulator directly, as an outside observer: its admin API and the Calendar API. */
class EmulatorAccess {

	private final String base;

	private final HttpClient http = HttpClient.newHttpClient();

	EmulatorAccess(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	String clientSecret(String clientId) {
		return get("/emulator/admin/clients").valueStream()
			.filter(client -> clientId.equals(client.get("client_id").asString()))
			.map(client -> client.get("client_secret").asString())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No emulator client " + clientId));
	}

	int calendarListStatus(String accessToken) {
		return send(HttpRequest.newBuilder(URI.create(base + "/emulator/google/calendar/v3/users/me/calendarList"))
			.header("Authorization", "Bearer " + accessToken)
			.GET()).statusCode();
	}

	/** Refresh-token grants the emulator's token endpoint has answered, as its request log counts them. */
	long refreshCount() {
		JsonNode count = get("/emulator/admin/requests").get("byEndpoint").get("oauth2.token.refresh_token");
		return count == null ? 0 : count.asLong();
	}

	/** Revokes a grant at the emulator as the account's owner would in Google's security settings. */
	void revoke(String token) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/emulator/google/revoke?token=" + token))
			.POST(HttpRequest.BodyPublishers.noBody()));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("revoke answered " + answer.statusCode());
		}
	}

	private JsonNode get(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
		return JsonMapper.builder().build().readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
