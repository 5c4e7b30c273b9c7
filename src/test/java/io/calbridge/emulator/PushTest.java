package io.calbridge.emulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.gson.JsonElement;
import io.calbridge.CalBridgeTest;
import io.calbridge.emulator.WebhookListener.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@CalBridgeTest
class PushTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar calendar;

	WebhookListener webhook;

	@BeforeEach
	void setUp() throws IOException {
		emulator = new EmulatorClient(port);
		emulator.reset();
		calendar = emulator.calendarOf(ANA);
		webhook = new WebhookListener();
	}

	@AfterEach
	void tearDown() {
		webhook.close();
	}

	private Channel watch(String calendarId, String token) throws IOException {
		Channel request = new Channel().setId(UUID.randomUUID().toString()).setType("web_hook")
			.setAddress(webhook.address()).setToken(token).setParams(Map.of("ttl", "3600"));
		return calendar.events().watch(calendarId, request).execute();
	}

	private static Event standUp(String summary) {
		return new Event().setSummary(summary)
			.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-07T09:00:00-03:00")))
			.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-07T09:15:00-03:00")));
	}

	@Test
	void aWatchSendsSyncFirstThenExistsAfterEachChangeWithGoogleHeaders() throws IOException {
		Instant before = Instant.now();
		Channel channel = watch("primary", "tenant=acme;connection=17");

		assertThat(channel.getKind()).isEqualTo("api#channel");
		assertThat(channel.getResourceId()).isNotBlank();
		assertThat(channel.getResourceUri()).contains("/calendar/v3/calendars/primary/events");
		assertThat(channel.getExpiration()).isBetween(before.plusSeconds(3590).toEpochMilli(),
				Instant.now().plusSeconds(3600).toEpochMilli());
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);

		Event created = calendar.events().insert("primary", standUp("Daily stand-up")).execute();
		calendar.events().patch("primary", created.getId(), new Event().setLocation("Room 2")).execute();
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 3);

		Notification sync = webhook.received.get(0);
		assertThat(sync.method()).isEqualTo("POST");
		assertThat(sync.header("X-Goog-Resource-State")).isEqualTo("sync");
		assertThat(sync.header("X-Goog-Message-Number")).isEqualTo("1");
		for (Notification n : webhook.received) {
			assertThat(n.bodyLength()).isZero();
			assertThat(n.header("X-Goog-Channel-ID")).isEqualTo(channel.getId());
			assertThat(n.header("X-Goog-Channel-Token")).isEqualTo("tenant=acme;connection=17");
			assertThat(n.header("X-Goog-Resource-ID")).isEqualTo(channel.getResourceId());
			assertThat(n.header("X-Goog-Resource-URI")).isEqualTo(channel.getResourceUri());
			assertThat(n.header("X-Goog-Channel-Expiration")).endsWith("GMT");
			assertThat(n.header("User-Agent")).startsWith("APIs-Google");
		}
		assertThat(webhook.received.subList(1, 3)).extracting(n -> n.header("X-Goog-Resource-State"))
			.containsOnly("exists");
		List<Long> numbers = webhook.received.stream().map(n -> Long.parseLong(n.header("X-Goog-Message-Number"))).toList();
		assertThat(numbers).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void stoppingAChannelEndsItsNotificationsAndAnUnknownChannelIs404() throws IOException {
		Channel channel = watch("primary", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);
		assertThat(webhook.received.get(0).header("X-Goog-Channel-Token")).isNull();

		calendar.channels().stop(new Channel().setId(channel.getId()).setResourceId(channel.getResourceId())).execute();
		calendar.events().insert("primary", standUp("After the stop")).execute();

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(webhook.received).hasSize(1));
		assertThatThrownBy(() -> calendar.channels()
			.stop(new Channel().setId(channel.getId()).setResourceId(channel.getResourceId())).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
	}

	@Test
	void aSlowReceiverNeverSlowsDownTheChangeItHearsAbout() throws IOException {
		watch("primary", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);
		webhook.delayMs = 3000;

		long start = System.nanoTime();
		calendar.events().insert("primary", standUp("Written while the webhook dawdles")).execute();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
		await().atMost(Duration.ofSeconds(8)).until(() -> webhook.received.size() == 2);
	}

	@Test
	void theHolidayCalendarCannotBeWatched() {
		assertThatThrownBy(() -> watch(EmulatorClient.HOLIDAYS, null))
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(400);
				assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("pushNotSupportedForRequestedResource");
			});
	}

	@Test
	void aChannelIdCannotBeReusedAndDefaultsToSevenDays() throws IOException {
		Channel request = new Channel().setId("calbridge-channel-1").setType("web_hook").setAddress(webhook.address());
		Channel channel = calendar.events().watch("primary", request).execute();
		assertThat(channel.getExpiration()).isCloseTo(Instant.now().plus(Duration.ofDays(7)).toEpochMilli(),
				org.assertj.core.data.Offset.offset(60_000L));
		assertThatThrownBy(() -> calendar.events().watch("primary", request).execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
	}

	@Test
	void deliveryIsRetriedOn503ButNotOn404() throws IOException {
		webhook.answers.addAll(List.of(503, 502));
		watch("primary", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);
		assertThat(webhook.attempts.get()).isEqualTo(3);

		webhook.answers.add(404);
		calendar.events().insert("primary", standUp("Not retried")).execute();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(webhook.attempts.get()).isEqualTo(4));
		assertThat(webhook.received).hasSize(1);
	}

	@Test
	void adminEventsFromOtherPeopleArePushedAndChannelsAreListed() throws IOException {
		Channel channel = watch("primary", "t-1");
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);

		emulator.admin("POST", "calendars/" + ANA + "/events", """
				{"id":"external_meeting_1","summary":"Supplier audit","status":"confirmed",
				 "organizer":{"email":"lukas.weber@example.de","displayName":"Lukas Weber"},
				 "attendees":[{"email":"lukas.weber@example.de","organizer":true,"responseStatus":"accepted"},
				              {"email":"ana.souza@example.com","responseStatus":"needsAction"}],
				 "start":{"dateTime":"2026-12-09T10:00:00+01:00","timeZone":"Europe/Berlin"},
				 "end":{"dateTime":"2026-12-09T11:00:00+01:00","timeZone":"Europe/Berlin"}}""");
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 2);
		Event external = calendar.events().get("primary", "external_meeting_1").execute();
		assertThat(external.getOrganizer().getEmail()).isEqualTo("lukas.weber@example.de");
		assertThat(external.getAttendees().get(1).getSelf()).isTrue();

		JsonElement channels = emulator.admin("GET", "channels", null);
		assertThat(channels.getAsJsonArray()).hasSize(1);
		assertThat(channels.getAsJsonArray().get(0).getAsJsonObject().get("id").getAsString()).isEqualTo(channel.getId());
		assertThat(channels.getAsJsonArray().get(0).getAsJsonObject().get("token").getAsString()).isEqualTo("t-1");
		assertThat(channels.getAsJsonArray().get(0).getAsJsonObject().get("account").getAsString()).isEqualTo(ANA);
	}

	@Test
	void anExpiredChannelSendsNothingMore() throws IOException {
		Channel channel = watch("primary", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);
		emulator.admin("POST", "channels/" + channel.getId() + "/expire", "{}");
		calendar.events().insert("primary", standUp("Nobody hears this")).execute();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(webhook.received).hasSize(1));
		assertThat(emulator.admin("GET", "channels", null).getAsJsonArray()).isEmpty();
	}

	@Test
	void pushFaultsDropOrDelayNotifications() throws IOException {
		watch("primary", null);
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 1);
		emulator.admin("POST", "faults", "{\"push\":\"drop\",\"count\":1}");
		calendar.events().insert("primary", standUp("Dropped notification")).execute();
		calendar.events().insert("primary", standUp("Delivered notification")).execute();
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 2);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(webhook.received).hasSize(2));
		assertThat(Long.parseLong(webhook.received.get(1).header("X-Goog-Message-Number"))).isEqualTo(3L);

		emulator.admin("POST", "faults", "{\"push\":\"delay\",\"latencyMs\":800,\"count\":1}");
		long changed = System.nanoTime();
		calendar.events().insert("primary", standUp("Late notification")).execute();
		await().atMost(Duration.ofSeconds(5)).until(() -> webhook.received.size() == 3);
		assertThat(Duration.ofNanos(System.nanoTime() - changed)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
	}

}
