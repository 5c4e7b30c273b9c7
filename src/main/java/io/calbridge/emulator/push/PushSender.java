package io.calbridge.emulator.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.calendar.CalendarStore;
import io.calbridge.emulator.push.Channels.Channel;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Delivers notifications the way Google does: POST without a body, {@code X-Goog-*} headers, user agent
 * {@code APIs-Google}, never on the thread that made the change, in order per channel, retried with
 * exponential backoff only on 500/502/503/504.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class PushSender {

	private static final Logger log = LoggerFactory.getLogger(PushSender.class);

	private static final Set<Integer> RETRIED = Set.of(500, 502, 503, 504);

	private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final EmulatorProperties properties;

	private final PushFaults faults;

	private final HttpClient http;

	private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
		Thread t = new Thread(r, "emulator-push");
		t.setDaemon(true);
		return t;
	});

	private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();

	private Channels channels;

	public PushSender(EmulatorProperties properties, PushFaults faults, CalendarStore store) {
		this.properties = properties;
		this.faults = faults;
		this.http = HttpClient.newBuilder().connectTimeout(properties.push().timeout()).build();
		store.onChange(this::changed);
	}

	void channels(Channels channels) {
		this.channels = channels;
	}

	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

	private void changed(String calendarId) {
		if (channels == null) {
			return;
		}
		for (Channel c : channels.liveOn(calendarId)) {
			send(c, "exists", c.messageNumber().incrementAndGet());
		}
	}

	void send(Channel channel, String state, long number) {
		queues.compute(channel.id(), (id, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
			.thenRunAsync(() -> deliver(channel, state, number), workers)
			.exceptionally(e -> null));
	}

	private void deliver(Channel channel, String state, long number) {
		Optional<PushFaults.Rule> fault = faults.match(channel.id());
		if (fault.isPresent() && "drop".equals(fault.get().mode())) {
			log.info("Emulator dropped push #{} ({}) for channel {} (fault injected)", number, state, channel.id());
			return;
		}
		fault.ifPresent(f -> pause(f.delayMs()));
		if (!"sync".equals(state) && !channels.isLive(channel.id())) {
			return;
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(channel.address()))
			.timeout(properties.push().timeout())
			.POST(HttpRequest.BodyPublishers.noBody())
			.header("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)")
			.header("X-Goog-Channel-ID", channel.id())
			.header("X-Goog-Channel-Expiration", RFC_1123.format(channel.expiration()))
			.header("X-Goog-Resource-ID", channel.resourceId())
			.header("X-Goog-Resource-URI", channel.resourceUri())
			.header("X-Goog-Resource-State", state)
			.header("X-Goog-Message-Number", String.valueOf(number));
		channel.token().ifPresent(t -> request.header("X-Goog-Channel-Token", t));
		long backoff = properties.push().firstBackoff().toMillis();
		for (int attempt = 0; attempt <= properties.push().retries(); attempt++) {
			int status = post(request.build());
			if (!RETRIED.contains(status)) {
				// Google counts 200/201/202/204/102 as delivered; anything else is a failure, not retried.
				if (!(status >= 200 && status < 300 || status == 102)) {
					log.info("Push #{} to {} answered {}; not retried", number, channel.address(), status);
				}
				return;
			}
			pause(backoff);
			backoff *= 2;
		}
		log.info("Push #{} to {} given up after {} retries", number, channel.address(), properties.push().retries());
	}

	private int post(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (Exception e) {
			// Unreachable receiver: Google treats it as a failed delivery; retry like a 503.
			return 503;
		}
	}

	private static void pause(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
