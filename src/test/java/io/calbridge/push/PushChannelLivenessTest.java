package io.calbridge.push;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel notifies until Google's expiry, or until it is stopped (a renewal stops the old one). */
class PushChannelLivenessTest {

	static final Instant EXPIRES = Instant.parse("2026-12-08T09:00:00Z");

	@Test
	void aChannelIsLiveUpToButNotAtItsExpiry() {
		PushChannels.PushChannel channel = channel(null);

		assertThat(channel.liveAt(EXPIRES.minusMillis(1))).isTrue();
		assertThat(channel.liveAt(EXPIRES)).isFalse();
		assertThat(channel.liveAt(EXPIRES.plusSeconds(60))).isFalse();
	}

	@Test
	void aStoppedChannelIsNotLiveEvenBeforeItsExpiry() {
		assertThat(channel(EXPIRES.minusSeconds(3600)).liveAt(EXPIRES.minusSeconds(7200))).isFalse();
	}

	private static PushChannels.PushChannel channel(Instant stoppedAt) {
		return new PushChannels.PushChannel(UUID.randomUUID(), 11, "resource-1", PushChannels.hash("token"), EXPIRES,
				4, stoppedAt);
	}

}
