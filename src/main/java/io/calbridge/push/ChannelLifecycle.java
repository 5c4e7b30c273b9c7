package io.calbridge.push;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.calbridge.connections.CalendarClosing;
import io.calbridge.connections.CalendarConnected;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionService;
import io.calbridge.sync.CalendarSyncs;

/**
 * When channels are opened, renewed and stopped: on connect (off the callback's thread), every 15 minutes for
 * renewals and for known calendars that still need a channel (a failed watch or renewal, a calendar tasks newly
 * target), every hour for calendars new on the account's list, and on disconnect (synchronously, while the token
 * still works).
 */
@Component
class ChannelLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChannelLifecycle.class);

	private final ChannelWatcher watcher;

	private final PushChannels channels;

	private final CalendarSyncs syncs;

	private final ConnectionService connections;

	private final PushProperties properties;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "push-watch");
		thread.setDaemon(true);
		return thread;
	});

	ChannelLifecycle(ChannelWatcher watcher, PushChannels channels, CalendarSyncs syncs, ConnectionService connections,
			PushProperties properties, Clock clock) {
		this.watcher = watcher;
		this.channels = channels;
		this.syncs = syncs;
		this.connections = connections;
		this.properties = properties;
		this.clock = clock;
	}

	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	@EventListener
	void connected(CalendarConnected connected) {
		background.submit(() -> {
			try {
				connections.find(connected.connectionId()).ifPresent(watcher::watchAll);
			}
			catch (RuntimeException ex) {
				log.error("Watching the calendars of connection {} failed; the schedule tries again",
						connected.connectionId(), ex);
			}
		});
	}

	@EventListener
	void closing(CalendarClosing closing) {
		connections.find(closing.connectionId()).ifPresent(watcher::stopAll);
	}

	@Scheduled(cron = "0 */15 * * * *")
	@SchedulerLock(name = "push-channel-renewal")
	void renewAndWatch() {
		renewExpiring();
		watchMissing();
	}

	/** Channels expiring within {@code renew-before}: a new one first, then the old one stopped. */
	void renewExpiring() {
		for (PushChannels.PushChannel channel : channels.expiringBefore(clock.instant().plus(properties.renewBefore()))) {
			syncs.find(channel.calendarSyncId()).ifPresent(sync -> connections.find(sync.connectionId())
				.filter(c -> c.getState() == CalendarConnection.State.ACTIVE)
				.ifPresentOrElse(connection -> watcher.renew(connection, channel, sync.calendarId()),
						() -> channels.stopped(channel.id())));
		}
	}

	/** Known calendars of active connections that should have a channel and have none (yet, or any more). */
	void watchMissing() {
		for (long connectionId : syncs.connectionIds()) {
			connections.find(connectionId)
				.filter(c -> c.getState() == CalendarConnection.State.ACTIVE)
				.ifPresent(watcher::watchKnown);
		}
	}

	/**
	 * Calendars added to an account's list since (a shared calendar accepted, a new one made): read hourly, not at
	 * every 15-minute check, which saves 72 {@code calendarList.list} calls a day per connection (IdleCostBenchmark).
	 */
	@Scheduled(cron = "0 5 * * * *")
	@SchedulerLock(name = "push-calendar-list")
	void followNewCalendars() {
		for (long connectionId : syncs.connectionIds()) {
			connections.find(connectionId)
				.filter(c -> c.getState() == CalendarConnection.State.ACTIVE)
				.ifPresent(watcher::watchAll);
		}
	}

}
