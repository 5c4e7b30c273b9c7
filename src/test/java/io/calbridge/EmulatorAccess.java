package io.calbridge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a test asks the emulator directly, as an outside observer: its admin API and the Calendar API. */
public class EmulatorAccess {

	private final String base;

	private final HttpClient http = HttpClient.newHttpClient();

	public EmulatorAccess(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public String clientSecret(String clientId) {
		return get("/emulator/admin/clients").valueStream()
			.filter(client -> clientId.equals(client.get("client_id").asString()))
			.map(client -> client.get("client_secret").asString())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No emulator client " + clientId));
	}

	public int calendarListStatus(String accessToken) {
		return send(HttpRequest.newBuilder(URI.create(base + "/emulator/google/calendar/v3/users/me/calendarList"))
			.header("Authorization", "Bearer " + accessToken)
			.GET()).statusCode();
	}

	/** Refresh-token grants the emulator's token endpoint has answered, as its request log counts them. */
	public long refreshCount() {
		JsonNode count = get("/emulator/admin/requests").get("byEndpoint").get("oauth2.token.refresh_token");
		return count == null ? 0 : count.asLong();
	}

	/** Revokes a grant at the emulator as the account's owner would in Google's security settings. */
	public void revoke(String token) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/emulator/google/revoke?token=" + token))
			.POST(HttpRequest.BodyPublishers.noBody()));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("revoke answered " + answer.statusCode());
		}
	}

	/** Google's own client, as the account's owner using Google Calendar (a token from the admin API). */
	public Calendar calendarOf(String email) {
		String token = post("/emulator/admin/tokens", "{\"email\":\"" + email + "\"}").get("access_token").asString();
		return new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
				request -> request.getHeaders().setAuthorization("Bearer " + token))
			.setRootUrl(base + "/emulator/google/")
			.setApplicationName("CalBridge tests")
			.build();
	}

	/** Arms a fault, e.g. {@code {"method":"POST","path":"calendar/v3/calendars/*&#47;events","status":503,"count":3}}. */
	public void fault(String json) {
		post("/emulator/admin/faults", json);
	}

	/** How often each armed API fault rule has hit so far (counted when the call arrives), in the order armed. */
	public java.util.List<Integer> faultsFired() {
		return get("/emulator/admin/faults").get("apiFired").valueStream().map(JsonNode::asInt).toList();
	}

	public void clearFaults() {
		send(HttpRequest.newBuilder(URI.create(base + "/emulator/admin/faults")).DELETE());
	}

	public void clearRequests() {
		send(HttpRequest.newBuilder(URI.create(base + "/emulator/admin/requests")).DELETE());
	}

	/** The request log with its counters (byEndpoint, byMethod, byAccount, byStatus). */
	public JsonNode requests() {
		return get("/emulator/admin/requests");
	}

	/** The request log, one entry a call (batch parts included, marked inBatch). */
	public java.util.List<JsonNode> requestEntries() {
		return get("/emulator/admin/requests").get("requests").valueStream().toList();
	}

	/** The mail Google would have sent: to, eventId, calendarId, kind (invitation, update, cancellation), at. */
	public java.util.List<JsonNode> mail() {
		return get("/emulator/admin/mail").valueStream().toList();
	}

	public void clearMail() {
		send(HttpRequest.newBuilder(URI.create(base + "/emulator/admin/mail")).DELETE());
	}

	/** The emulator's live channels: id, resourceId, token, address, expiration, account, calendar. */
	public java.util.List<JsonNode> channels() {
		return get("/emulator/admin/channels").valueStream().toList();
	}

	/** Every sync token issued so far answers 410 fullSyncRequired from now on. */
	public void expireSyncTokens() {
		post("/emulator/admin/sync-tokens/expire", "{}");
	}

	/** An event on {@code calendarId} as another Google user made it (organizer, guests, recurrence, eventType…). */
	public JsonNode addEventAsOtherUser(String calendarId, String json) {
		return post("/emulator/admin/calendars/" + java.net.URLEncoder.encode(calendarId, java.nio.charset.StandardCharsets.UTF_8)
				+ "/events", json);
	}

	/** Calls of one Google method (e.g. {@code calendar.events.list}) since the log was last cleared. */
	public long count(String endpoint) {
		JsonNode count = requests().get("byEndpoint").get(endpoint);
		return count == null ? 0 : count.asLong();
	}

	public JsonNode post(String path, String json) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JsonMapper.builder().build().readTree(response.body());
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
