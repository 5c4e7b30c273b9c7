package io.calbridge.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Google's push notifications (DESIGN.md §5). A notification only says "something changed" in a calendar, so the
 * answer is quick and cheap: check the channel, its resource id and token (constant-time), and ask for an inbound
 * run with at most one UPDATE. No Google call and no task write happen here: the inbound worker does the reading.
 * Unknown or stopped channels get 404, forged ones (a wrong or missing token, a wrong resource) 403, malformed ones
 * 400; Google retries only 5xx. A body over 64 KiB never gets here ({@link WebhookBodyLimit}: 413). Each answer is
 * counted as {@code calbridge.push.notifications{result}} (Prometheus {@code calbridge_push_notifications_total}).
 */
@RestController
class WebhookController {

	private static final Set<String> STATES = Set.of("sync", "exists", "not_exists");

	private final PushChannels channels;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookController(PushChannels channels, Clock clock, MeterRegistry meters) {
		this.channels = channels;
		this.clock = clock;
		this.meters = meters;
	}

	@PostMapping("/webhooks/google-calendar")
	ResponseEntity<Void> notification(@RequestHeader(name = "X-Goog-Channel-ID", required = false) String channelId,
			@RequestHeader(name = "X-Goog-Channel-Token", required = false) String token,
			@RequestHeader(name = "X-Goog-Resource-ID", required = false) String resourceId,
			@RequestHeader(name = "X-Goog-Resource-State", required = false) String state,
			@RequestHeader(name = "X-Goog-Message-Number", required = false) String messageNumber) {
		Optional<UUID> id = uuid(channelId);
		Optional<Long> number = number(messageNumber);
		if (id.isEmpty() || number.isEmpty() || resourceId == null || resourceId.isEmpty() || state == null
				|| !STATES.contains(state)) {
			return answer(HttpStatus.BAD_REQUEST, "malformed");
		}
		Optional<PushChannels.PushChannel> found = channels.find(id.get());
		if (found.isEmpty() || !found.get().liveAt(clock.instant())) {
			return answer(HttpStatus.NOT_FOUND, "unknown_channel");
		}
		PushChannels.PushChannel channel = found.get();
		// Every channel CalBridge opens has a token: a notification without one is a forgery, not a malformed message.
		boolean tokenMatches = token != null && !token.isEmpty() && MessageDigest.isEqual(
				PushChannels.hash(token).getBytes(StandardCharsets.US_ASCII),
				channel.tokenHash().getBytes(StandardCharsets.US_ASCII));
		boolean resourceMatches = MessageDigest.isEqual(resourceId.getBytes(StandardCharsets.UTF_8),
				String.valueOf(channel.resourceId()).getBytes(StandardCharsets.UTF_8));
		if (!(tokenMatches & resourceMatches)) {
			return answer(HttpStatus.FORBIDDEN, "forged");
		}
		if ("sync".equals(state) || number.get() <= channel.lastMessageNumber()) {
			// "sync" only opens the channel; a number not above the last one is a replay or a late duplicate.
			return answer(HttpStatus.OK, "sync".equals(state) ? "channel_opened" : "repeated");
		}
		channels.notified(channel.id(), number.get());
		return answer(HttpStatus.OK, "accepted");
	}

	private ResponseEntity<Void> answer(HttpStatus status, String result) {
		count(meters, result);
		return ResponseEntity.status(status).build();
	}

	static void count(MeterRegistry meters, String result) {
		Counter.builder("calbridge.push.notifications")
			.description("Google push notifications received, by what was done with them")
			.tag("result", result)
			.register(meters)
			.increment();
	}

	private static Optional<UUID> uuid(String value) {
		if (value == null || value.length() != 36) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Long> number(String value) {
		if (value == null || value.isEmpty() || value.length() > 19
				|| !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return Optional.empty();
		}
		try {
			long parsed = Long.parseLong(value);
			return parsed > 0 ? Optional.of(parsed) : Optional.empty();
		}
		catch (NumberFormatException ex) { // 19 digits above Long.MAX_VALUE
			return Optional.empty();
		}
	}

}
