package io.calbridge.connections;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When CalBridge refreshes a connection's access token, by its own clock: before Google would refuse it. */
class TokenDueTest {

	static final Instant ISSUED = Instant.parse("2026-12-01T09:00:00Z");

	@Test
	void anHourLongTokenIsRefreshedFromFiveMinutesBeforeItExpires() {
		CalendarConnection connection = connectedWith(Duration.ofHours(1));

		assertThat(connection.tokenDueForRefresh(ISSUED.plus(Duration.ofMinutes(54)))).isFalse();
		assertThat(connection.tokenDueForRefresh(ISSUED.plus(Duration.ofMinutes(55)))).isTrue();
		assertThat(connection.tokenDueForRefresh(ISSUED.plus(Duration.ofHours(2)))).as("long expired").isTrue();
	}

	@Test
	void aShortLivedTokenIsRefreshedHalfwayThroughItsLife() {
		CalendarConnection connection = connectedWith(Duration.ofSeconds(4));

		assertThat(connection.tokenDueForRefresh(ISSUED.plusMillis(1999))).isFalse();
		assertThat(connection.tokenDueForRefresh(ISSUED.plusSeconds(2))).isTrue();
	}

	@Test
	void aTokenGoogleRefusedIsDueAtOnce() {
		CalendarConnection connection = connectedWith(Duration.ofHours(1));

		connection.tokenRejected();

		assertThat(connection.tokenDueForRefresh(ISSUED.plusSeconds(1))).isTrue();
	}

	@Test
	void aConnectionWithoutATokenIsDue() {
		assertThat(new CalendarConnection(7, "ana.souza@example.com").tokenDueForRefresh(ISSUED)).isTrue();
	}

	@Test
	void aRefreshWithoutANewRefreshTokenKeepsTheOneHeldAndMovesTheExpiry() {
		CalendarConnection connection = connectedWith(Duration.ofHours(1));
		Instant later = ISSUED.plus(Duration.ofMinutes(56));

		connection.refreshed(new CalendarConnection.Tokens("access-2", null, later, later.plus(Duration.ofHours(1)),
				"calendar"), later);

		assertThat(connection.getRefreshToken()).isEqualTo("refresh-1");
		assertThat(connection.getAccessToken()).isEqualTo("access-2");
		assertThat(connection.tokenDueForRefresh(later.plus(Duration.ofMinutes(54)))).isFalse();
	}

	private static CalendarConnection connectedWith(Duration life) {
		CalendarConnection connection = new CalendarConnection(7, "ana.souza@example.com");
		connection.connected(3, new CalendarConnection.Tokens("access-1", "refresh-1", ISSUED, ISSUED.plus(life),
				"calendar"), "ana.souza@example.com", ISSUED);
		return connection;
	}

}
