package io.calbridge.emulator.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.api.services.calendar.model.Event;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.api.RequestLog;
import io.calbridge.emulator.calendar.CalendarStore;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;
import io.calbridge.emulator.calendar.GoogleError;
import io.calbridge.emulator.oauth.Grants;
import io.calbridge.emulator.oauth.OAuthClients;
import io.calbridge.emulator.oauth.OAuthClients.OAuthClient;
import io.calbridge.emulator.push.Channels;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emulator's back door for tests, demos and outside checks: reset, accounts, OAuth clients, tokens
 * without a browser, faults, events "from other Google users", channels, sync token expiry, request counts.
 * JSON in and out; the paths are a contract.
 */
@RestController
@RequestMapping("/emulator/admin")
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class AdminController {

	private static final MediaType JSON = MediaType.parseMediaType("application/json; charset=UTF-8");

	private final EmulatorProperties properties;

	private final CalendarStore store;

	private final GoogleAccounts accounts;

	private final OAuthClients clients;

	private final Grants grants;

	private final Channels channels;

	private final RequestLog requests;

	private final EmulatorReset reset;

	AdminController(EmulatorProperties properties, CalendarStore store, GoogleAccounts accounts, OAuthClients clients,
			Grants grants, Channels channels, RequestLog requests, EmulatorReset reset) {
		this.properties = properties;
		this.store = store;
		this.accounts = accounts;
		this.clients = clients;
		this.grants = grants;
		this.channels = channels;
		this.requests = requests;
		this.reset = reset;
	}

	@PostMapping("/reset")
	ResponseEntity<String> reset() {
		reset.resetAll();
		return json(Map.of("reset", true));
	}

	@GetMapping("/accounts")
	ResponseEntity<String> accounts() {
		List<Map<String, Object>> list = new ArrayList<>();
		for (GoogleAccount a : accounts.all()) {
			List<Map<String, Object>> calendars = new ArrayList<>();
			for (CalendarAccess c : a.calendars()) {
				GoogleAccounts.CalendarInfo info = accounts.calendar(c.calendarId()).orElseThrow();
				Map<String, Object> cal = new LinkedHashMap<>();
				cal.put("id", c.calendarId());
				cal.put("summary", info.summary());
				cal.put("accessRole", c.accessRole());
				cal.put("primary", c.primary());
				cal.put("timeZone", info.timeZone());
				cal.put("readOnly", !c.canWrite());
				cal.put("watchable", !info.generated());
				calendars.add(cal);
			}
			list.add(Map.of("email", a.email(), "name", a.name(), "timeZone", a.timeZone(), "calendars", calendars));
		}
		return json(list);
	}

	@PostMapping("/clients")
	ResponseEntity<String> registerClient(@RequestBody String body) {
		JsonObject request = object(body);
		List<String> redirectUris = new ArrayList<>();
		JsonArray uris = request.has("redirectUris") ? request.getAsJsonArray("redirectUris") : new JsonArray();
		uris.forEach(u -> redirectUris.add(u.getAsString()));
		if (redirectUris.isEmpty()) {
			throw new IllegalArgumentException("redirectUris must list at least one URI");
		}
		return json(client(clients.register(redirectUris)));
	}

	@GetMapping("/clients")
	ResponseEntity<String> clients() {
		return json(clients.all().stream().map(AdminController::client).toList());
	}

	@PostMapping("/tokens")
	ResponseEntity<String> token(@RequestBody String body) {
		JsonObject request = object(body);
		String email = request.has("email") ? request.get("email").getAsString() : null;
		GoogleAccount account = accounts.find(email).orElseThrow(() -> new NotFound("No emulated account " + email));
		Set<String> scopes = new LinkedHashSet<>();
		if (request.has("scopes")) {
			request.getAsJsonArray("scopes").forEach(s -> scopes.add(s.getAsString()));
		}
		else {
			scopes.add(Grants.CALENDAR_SCOPE);
		}
		Duration lifetime = request.has("expiresIn") ? Duration.ofSeconds(request.get("expiresIn").getAsLong())
				: properties.accessTokenLifetime();
		Grants.AccessToken token = grants.issueDirect(account.email(), scopes, lifetime);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("access_token", token.token());
		answer.put("expires_in", lifetime.toSeconds());
		answer.put("token_type", "Bearer");
		answer.put("scope", String.join(" ", scopes));
		return json(answer);
	}

	@PostMapping("/calendars/{calendarId}/events")
	ResponseEntity<String> putEvent(@PathVariable String calendarId, @RequestBody String body) {
		accounts.calendar(calendarId).orElseThrow(() -> new NotFound("No emulated calendar " + calendarId));
		Event stored = store.putAsExternal(calendarId, EventJson.read(body, Event.class));
		return ResponseEntity.ok().contentType(JSON).body(EventJson.write(stored));
	}

	/**
	 * Bulk seeding: {@code {"events":[…]}}, each event as {@link #putEvent} takes it, stored in one go with one
	 * change notification. A body is parsed whole, so send large calendars in chunks (a few thousand a request).
	 */
	@PostMapping("/calendars/{calendarId}/events/bulk")
	ResponseEntity<String> putEvents(@PathVariable String calendarId, @RequestBody String body) {
		accounts.calendar(calendarId).orElseThrow(() -> new NotFound("No emulated calendar " + calendarId));
		JsonObject request = object(body);
		if (!request.has("events") || !request.get("events").isJsonArray()) {
			throw new IllegalArgumentException("events must be an array of events");
		}
		List<Event> events = new ArrayList<>();
		for (JsonElement event : request.getAsJsonArray("events")) {
			events.add(EventJson.read(event.toString(), Event.class));
		}
		return json(Map.of("inserted", store.putAllAsExternal(calendarId, events)));
	}

	@GetMapping("/channels")
	ResponseEntity<String> channels() {
		List<Map<String, Object>> list = new ArrayList<>();
		for (Channels.Channel c : channels.live()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", c.id());
			m.put("resourceId", c.resourceId());
			m.put("resourceUri", c.resourceUri());
			m.put("token", c.token().orElse(null));
			m.put("address", c.address());
			m.put("expiration", c.expiration().toEpochMilli());
			m.put("account", c.account());
			m.put("calendar", c.calendarId());
			m.put("lastMessageNumber", c.messageNumber().get());
			list.add(m);
		}
		return json(list);
	}

	@PostMapping("/channels/{id}/expire")
	ResponseEntity<String> expireChannel(@PathVariable String id) {
		if (!channels.expire(id)) {
			throw new NotFound("No channel " + id);
		}
		return json(Map.of("expired", id));
	}

	@PostMapping("/sync-tokens/expire")
	ResponseEntity<String> expireSyncTokens() {
		store.expireSyncTokens();
		return json(Map.of("expired", true));
	}

	@GetMapping("/requests")
	ResponseEntity<String> requests() {
		return json(requests.snapshot());
	}

	@DeleteMapping("/requests")
	ResponseEntity<String> clearRequests() {
		requests.clear();
		return json(Map.of("cleared", true));
	}

	/** The mail Google would have sent, oldest first: who, for which event, and what kind. */
	@GetMapping("/mail")
	ResponseEntity<String> mail() {
		return json(store.mail().all().stream().map(m -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("to", m.to());
			entry.put("eventId", m.eventId());
			entry.put("calendarId", m.calendarId());
			entry.put("kind", m.kind());
			entry.put("at", m.at().toString());
			return entry;
		}).toList());
	}

	@DeleteMapping("/mail")
	ResponseEntity<String> clearMail() {
		store.mail().clear();
		return json(Map.of("cleared", true));
	}

	@ExceptionHandler(NotFound.class)
	ResponseEntity<String> notFound(NotFound e) {
		return ResponseEntity.status(404).contentType(JSON).body(EventJson.write(Map.of("error", e.getMessage())));
	}

	@ExceptionHandler({ IllegalArgumentException.class, IllegalStateException.class, ClassCastException.class,
			UnsupportedOperationException.class, GoogleError.class })
	ResponseEntity<String> badRequest(RuntimeException e) {
		int status = e instanceof GoogleError g ? g.status() : 400;
		return ResponseEntity.status(status).contentType(JSON)
			.body(EventJson.write(Map.of("error", String.valueOf(e.getMessage()))));
	}

	private static Map<String, Object> client(OAuthClient c) {
		return Map.of("client_id", c.clientId(), "client_secret", c.clientSecret(), "redirect_uris", c.redirectUris());
	}

	static JsonObject object(String body) {
		try {
			JsonElement e = JsonParser.parseString(body == null || body.isBlank() ? "{}" : body);
			if (!e.isJsonObject()) {
				throw new IllegalArgumentException("expected a JSON object");
			}
			return e.getAsJsonObject();
		}
		catch (com.google.gson.JsonParseException e) {
			throw new IllegalArgumentException("malformed JSON");
		}
	}

	static long longOr(JsonObject o, String name, long fallback) {
		return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsLong() : fallback;
	}

	static ResponseEntity<String> json(Object body) {
		return ResponseEntity.ok().contentType(JSON).body(EventJson.write(body));
	}

	static final class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message, null, false, false);
		}

	}

}
