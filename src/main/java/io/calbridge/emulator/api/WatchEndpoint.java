package io.calbridge.emulator.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.google.api.services.calendar.model.Channel;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.calendar.GoogleAccounts;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarAccess;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarInfo;
import io.calbridge.emulator.calendar.GoogleError;
import io.calbridge.emulator.push.Channels;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** {@code events.watch} and {@code channels.stop}. */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class WatchEndpoint {

	private final Channels channels;

	private final GoogleAccounts accounts;

	private final EmulatorProperties properties;

	WatchEndpoint(Channels channels, GoogleAccounts accounts, EmulatorProperties properties) {
		this.channels = channels;
		this.accounts = accounts;
		this.properties = properties;
	}

	ApiResponse watch(Call call, String calendarId) {
		call.requireScope(false);
		CalendarAccess access = call.calendar(accounts, calendarId);
		CalendarInfo info = accounts.calendar(access.calendarId()).orElseThrow(GoogleError::notFound);
		if (info.generated()) {
			// Seen from Google for holiday/birthday calendars; not in the push guide.
			throw new GoogleError(400, "push", "pushNotSupportedForRequestedResource",
					"Push notifications are not supported by this resource.");
		}
		Channel body = EventJson.read(call.request().body(), Channel.class);
		if (body.getId() == null || body.getId().isBlank()) {
			throw GoogleError.required("Required channel id");
		}
		if (body.getId().length() > 64) {
			throw GoogleError.invalid("Invalid channel id.", "id");
		}
		if (body.getType() == null || !(body.getType().equals("web_hook") || body.getType().equals("webhook"))) {
			throw GoogleError.invalid("Invalid channel type.", "type");
		}
		String address = checkAddress(body.getAddress());
		if (body.getToken() != null && body.getToken().length() > 256) {
			throw GoogleError.invalid("Invalid channel token.", "token");
		}
		Instant expiration = expiration(body);
		String resourceUri = call.request().baseUrl() + "calendar/v3/calendars/"
				+ UriUtils.encodePathSegment(calendarId, StandardCharsets.UTF_8) + "/events?alt=json";
		Channels.Channel channel = channels.open(call.account().email(), call.token().clientId(), access.calendarId(),
				body.getId(), address, Optional.ofNullable(body.getToken()), expiration, resourceUri);
		Channel answer = new Channel().setKind("api#channel").setId(channel.id()).setResourceId(channel.resourceId())
			.setResourceUri(channel.resourceUri()).setExpiration(channel.expiration().toEpochMilli());
		channel.token().ifPresent(answer::setToken);
		return ApiResponse.json(200, answer);
	}

	ApiResponse stop(Call call) {
		Channel body = EventJson.read(call.request().body(), Channel.class);
		if (body.getId() == null) {
			throw GoogleError.required("Required channel id");
		}
		channels.stop(call.account().email(), body.getId(), body.getResourceId());
		return ApiResponse.empty(204);
	}

	/** Google wants HTTPS; the emulator also takes http:// so tests and local runs need no certificate. */
	private static String checkAddress(String address) {
		if (address == null || address.isBlank()) {
			throw GoogleError.required("Required channel address");
		}
		try {
			URI uri = URI.create(address);
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw GoogleError.badRequest("WebHook callback must be HTTPS: " + address);
			}
			return address;
		}
		catch (IllegalArgumentException e) {
			throw GoogleError.badRequest("Invalid channel address.");
		}
	}

	/** {@code params.ttl} (seconds) wins, then {@code expiration} (ms), else Google's default of 604800 s. */
	private Instant expiration(Channel body) {
		Instant now = Instant.now();
		String ttl = body.getParams() == null ? null : body.getParams().get("ttl");
		if (ttl != null) {
			try {
				return now.plus(Duration.ofSeconds(Long.parseLong(ttl)));
			}
			catch (NumberFormatException e) {
				throw GoogleError.invalid("Invalid ttl value.", "params.ttl");
			}
		}
		if (body.getExpiration() != null && body.getExpiration() > now.toEpochMilli()) {
			return Instant.ofEpochMilli(body.getExpiration());
		}
		return now.plus(properties.defaultChannelTtl());
	}

}
