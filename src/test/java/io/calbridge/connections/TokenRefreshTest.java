package io.calbridge.connections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.ConsentFlow;
import io.calbridge.Eventually;
import io.calbridge.MovableClock;
import io.calbridge.WebClient;
import io.calbridge.google.GoogleAccountApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Access tokens that really expire: the emulator issues tokens living 4 seconds (Google's live an hour), and a
 * token Google has expired is seen refused, on Google's clock, which tests cannot move. CalBridge refreshes halfway
 * through such a short life, on its own clock: where only CalBridge's view of the token matters (a revoked grant
 * met at the next refresh), the test moves that clock instead of waiting.
 * <p>
 * Not for the twenty concurrent callers: the token's expiry is stamped from Google's answer on the real time, so a
 * clock moved past one token's expiry finds every new token due as well, and each caller would refresh again.
 */
@CalBridgeTest
@TestPropertySource(properties = "calbridge.emulator.access-token-lifetime=4s")
class TokenRefreshTest {

	static final Duration TOKEN_LIFE = Duration.ofSeconds(4);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenService tokens;

	@Autowired
	GoogleAccountApi google;

	@Autowired
	MovableClock clock;

	@AfterEach
	void backToTheRealTime() {
		clock.reset();
	}

	@Test
	void callsAfterExpirySucceedAndTwentyConcurrentCallersShareOneRefresh() throws Exception {
		long connection = connectAna();
		String first = tokens.accessToken(connection);
		EmulatorAccess emulator = new EmulatorAccess(port);
		expiredAtGoogle(emulator, first);

		String second = tokens.accessToken(connection);
		assertThat(second).isNotEqualTo(first);
		assertThat(google.calendars(second)).extracting(GoogleAccountApi.CalendarSummary::id)
			.contains("ana.souza@example.com");

		expiredAtGoogle(emulator, second);
		long refreshesBefore = emulator.refreshCount();
		Set<String> seen = concurrently(20, () -> tokens.accessToken(connection));

		assertThat(seen).hasSize(1).doesNotContain(second);
		assertThat(emulator.refreshCount() - refreshesBefore).as("refresh calls at the emulator").isEqualTo(1);
		assertThat(emulator.calendarListStatus(seen.iterator().next())).isEqualTo(200);
	}

	@Test
	void aRevokedGrantPausesTheConnectionWithoutARetryStorm() throws Exception {
		long connection = connectAna();
		EmulatorAccess emulator = new EmulatorAccess(port);
		String token = tokens.accessToken(connection);
		// Counted from the revoke on: the inbound worker may be the one that meets the revoked grant first.
		long refreshesBefore = emulator.refreshCount();
		emulator.revoke(token);
		clock.advance(TOKEN_LIFE); // CalBridge's token is due: the next caller tries the refresh

		for (int call = 0; call < 10; call++) {
			assertThatExceptionOfType(TokenService.ConnectionPausedException.class)
				.isThrownBy(() -> tokens.accessToken(connection));
		}

		assertThat(emulator.refreshCount() - refreshesBefore).as("one refresh tried, then none").isEqualTo(1);
		assertThat(jdbc.queryForMap("select state, last_error from calendar_connections where id = ?", connection))
			.containsEntry("state", "NEEDS_REAUTH")
			.hasEntrySatisfying("last_error", reason -> assertThat(reason.toString()).contains("invalid_grant"));
	}

	@Test
	void theSettingsPageShowsTheReasonAndAReconnectButtonAndReconnectingResumes() throws Exception {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration),
				"ana.souza@example.com");
		long connection = jdbc.queryForObject("select max(id) from calendar_connections", Long.class);
		new EmulatorAccess(port).revoke(tokens.accessToken(connection));
		clock.advance(TOKEN_LIFE);
		assertThatExceptionOfType(TokenService.ConnectionPausedException.class)
			.isThrownBy(() -> tokens.accessToken(connection));

		String page = ana.get("/settings/calendar").body();
		assertThat(page).contains("needs reconnecting", "invalid_grant", "Reconnect",
				"/settings/calendar/connect/" + integration);

		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration),
				"ana.souza@example.com");
		assertThat(jdbc.queryForObject("select state from calendar_connections where id = ?", String.class, connection))
			.isEqualTo("ACTIVE");
		assertThat(new EmulatorAccess(port).calendarListStatus(tokens.accessToken(connection))).isEqualTo(200);
	}

	/** Google's clock has passed the token's expiry: it is refused (4 s after it was issued). */
	private static void expiredAtGoogle(EmulatorAccess emulator, String token) {
		Eventually.until("the token expired at Google", TOKEN_LIFE.multipliedBy(3),
				() -> emulator.calendarListStatus(token) == 401);
	}

	private long connectAna() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration),
				"ana.souza@example.com");
		return jdbc.queryForObject("select max(id) from calendar_connections", Long.class);
	}

	private static Set<String> concurrently(int callers, java.util.concurrent.Callable<String> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			Set<String> seen = new HashSet<>();
			for (Future<String> result : results) {
				seen.add(result.get());
			}
			return seen;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
