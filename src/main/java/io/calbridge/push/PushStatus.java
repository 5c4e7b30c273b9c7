package io.calbridge.push;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarFollowStatus;
import io.calbridge.sync.CalendarSyncs;

/** The settings page's view of each followed calendar: live channel, polled, or failing. */
@Component
class PushStatus implements CalendarFollowStatus {

	private final CalendarSyncs syncs;

	private final PushChannels channels;

	private final Clock clock;

	PushStatus(CalendarSyncs syncs, PushChannels channels, Clock clock) {
		this.syncs = syncs;
		this.channels = channels;
		this.clock = clock;
	}

	@Override
	public List<FollowedCalendar> calendarsOf(long connectionId) {
		Instant now = clock.instant();
		return syncs.forConnection(connectionId).stream().map(sync -> {
			Instant liveUntil = channels.live(sync.id()).stream()
				.filter(c -> c.liveAt(now))
				.map(PushChannels.PushChannel::expiresAt)
				.max(Instant::compareTo)
				.orElse(null);
			String push = liveUntil != null ? "live" : sync.watchSupported() ? "failing" : "polled";
			// No error recorded: just followed (the watch is under way) or a channel that simply expired.
			boolean connecting = liveUntil == null && sync.watchSupported() && sync.watchError() == null;
			String problem = liveUntil != null ? null
					: sync.watchError() != null ? sync.watchError() : "no push channel yet";
			return new FollowedCalendar(sync.id(), sync.calendarId(), push, liveUntil, problem, sync.lastInboundAt(),
					sync.linkedTasks(), sync.pausedAt() == null ? null : sync.pauseReason(), connecting,
					syncs.pollInterval());
		}).toList();
	}

}
