package io.calbridge.emulator.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.GoogleAccount;
import io.calbridge.emulator.calendar.GoogleError;
import io.calbridge.emulator.oauth.Grants;
import io.calbridge.emulator.oauth.Grants.AccessToken;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Every Calendar API call, alone or inside a batch, goes through here: bearer token, injected faults, quota,
 * the endpoint, and the request log, in that order.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class CalendarApi {

	private final Grants grants;

	private final GoogleAccounts accounts;

	private final Faults faults;

	private final Quota quota;

	private final RequestLog log;

	private final EventsEndpoint events;

	private final CalendarListEndpoint calendarList;

	private final WatchEndpoint watch;

	CalendarApi(Grants grants, GoogleAccounts accounts, Faults faults, Quota quota, RequestLog log,
			EventsEndpoint events, CalendarListEndpoint calendarList, WatchEndpoint watch) {
		this.grants = grants;
		this.accounts = accounts;
		this.faults = faults;
		this.quota = quota;
		this.log = log;
		this.events = events;
		this.calendarList = calendarList;
		this.watch = watch;
	}

	private interface Handler {

		ApiResponse handle(Call call);

	}

	private record Route(String endpoint, Handler handler) {
	}

	ApiResponse handle(ApiRequest request, boolean inBatch) {
		String account = "";
		Optional<Route> route = route(request);
		ApiResponse response;
		try {
			if (route.isEmpty()) {
				throw GoogleError.notFound();
			}
			Call call = authenticate(request);
			account = call.account().email();
			Optional<Faults.Hit> fault = faults.match(request.method(), request.rawPath());
			if (fault.isPresent() && fault.get().latencyMs() > 0) {
				Thread.sleep(fault.get().latencyMs());
			}
			if (fault.isPresent() && !fault.get().afterApply() && fault.get().error().isPresent()) {
				throw fault.get().error().get();
			}
			quota.take(account);
			response = route.get().handler().handle(call);
			if (fault.isPresent() && fault.get().answerLatencyMs() > 0) {
				Thread.sleep(fault.get().answerLatencyMs());
			}
			if (fault.isPresent() && fault.get().afterApply()) {
				response = fault.get().lose() ? response.asLost() : ApiResponse.error(fault.get().error().get());
			}
		}
		catch (GoogleError e) {
			response = ApiResponse.error(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			response = ApiResponse.error(new GoogleError(503, "global", "backendError", "Backend Error"));
		}
		log.record(new RequestLog.Entry(Instant.now(), request.method(), request.rawPath(),
				route.map(Route::endpoint).orElse("unknown"), account, response.status(), inBatch,
				request.gzipped()));
		return response;
	}

	/** Google: a missing, unknown, expired or revoked token is 401 {@code authError} "Invalid Credentials". */
	private Call authenticate(ApiRequest request) {
		String header = request.header("Authorization").orElse("");
		String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
		AccessToken access = grants.live(token).orElseThrow(() -> new GoogleError(401, "global", "authError",
				"Invalid Credentials", "header", "Authorization"));
		GoogleAccount account = accounts.find(access.email()).orElseThrow(() -> new GoogleError(401, "global",
				"authError", "Invalid Credentials", "header", "Authorization"));
		return new Call(request, access, account);
	}

	private Optional<Route> route(ApiRequest r) {
		List<String> p = r.path();
		String m = r.method();
		int n = p.size();
		if (n == 3 && p.get(0).equals("users") && p.get(1).equals("me") && p.get(2).equals("calendarList") && m.equals("GET")) {
			return route("calendar.calendarList.list", calendarList::list);
		}
		if (n == 4 && p.get(0).equals("users") && p.get(2).equals("calendarList") && m.equals("GET")) {
			return route("calendar.calendarList.get", c -> calendarList.get(c, p.get(3)));
		}
		if (n == 1 && p.get(0).equals("colors") && m.equals("GET")) {
			return route("calendar.colors.get", calendarList::colors);
		}
		if (n == 2 && p.get(0).equals("channels") && p.get(1).equals("stop") && m.equals("POST")) {
			return route("calendar.channels.stop", watch::stop);
		}
		if (n < 2 || !p.get(0).equals("calendars")) {
			return Optional.empty();
		}
		String cal = p.get(1);
		if (n == 2 && m.equals("GET")) {
			return route("calendar.calendars.get", c -> calendarList.calendar(c, cal));
		}
		if (n == 3 && p.get(2).equals("events")) {
			return switch (m) {
				case "GET" -> route("calendar.events.list", c -> events.list(c, cal));
				case "POST" -> route("calendar.events.insert", c -> events.insert(c, cal));
				default -> Optional.empty();
			};
		}
		if (n == 4 && p.get(2).equals("events") && p.get(3).equals("watch") && m.equals("POST")) {
			return route("calendar.events.watch", c -> watch.watch(c, cal));
		}
		if (n == 5 && p.get(2).equals("events") && p.get(4).equals("move") && m.equals("POST")) {
			return route("calendar.events.move", c -> events.move(c, cal, p.get(3)));
		}
		if (n == 5 && p.get(2).equals("events") && p.get(4).equals("instances") && m.equals("GET")) {
			return route("calendar.events.instances", c -> events.instances(c, cal, p.get(3)));
		}
		if (n == 4 && p.get(2).equals("events")) {
			String id = p.get(3);
			return switch (m) {
				case "GET" -> route("calendar.events.get", c -> events.get(c, cal, id));
				case "PUT" -> route("calendar.events.update", c -> events.update(c, cal, id));
				case "PATCH" -> route("calendar.events.patch", c -> events.patch(c, cal, id));
				case "DELETE" -> route("calendar.events.delete", c -> events.delete(c, cal, id));
				default -> Optional.empty();
			};
		}
		return Optional.empty();
	}

	private static Optional<Route> route(String endpoint, Handler handler) {
		return Optional.of(new Route(endpoint, handler));
	}

}
