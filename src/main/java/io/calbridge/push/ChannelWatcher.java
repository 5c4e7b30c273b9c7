package io.calbridge.push;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionCalendars;
import io.calbridge.google.CalendarClients;
import io.calbridge.google.GoogleAccountApi;
import io.calbridge.google.GoogleEndpoints;
import io.calbridge.google.GoogleFailure;
import io.calbridge.google.GoogleOutcome;
import io.calbridge.sync.CalendarSyncs;

/**
 * Opens, renews and stops push channels (DESIGN.md §6, GOOGLE-API-FACTS.md "Push notifications"). A channel id is
 * a fresh random UUID, never reused; its token is 32 random bytes, kept only as a hash; its expiry is whatever
 * Google answers. A calendar Google refuses to watch, or whose watch fails, is polled instead.
 */
@Service
class ChannelWatcher {

	private static final Logger log = LoggerFactory.getLogger(ChannelWatcher.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration RETRY_RENEWAL = Duration.ofMinutes(15);

	private final PushChannels channels;

	private final CalendarSyncs syncs;

	private final ConnectionCalendars connectionCalendars;

	private final CalendarClients clients;

	private final GoogleEndpoints endpoints;

	private final GoogleAccountApi google;

	private final PushProperties properties;

	private final Clock clock;

	ChannelWatcher(PushChannels channels, CalendarSyncs syncs, ConnectionCalendars connectionCalendars,
			CalendarClients clients, GoogleEndpoints endpoints, GoogleAccountApi google, PushProperties properties,
			Clock clock) {
		this.channels = channels;
		this.syncs = syncs;
		this.connectionCalendars = connectionCalendars;
		this.clients = clients;
		this.endpoints = endpoints;
		this.google = google;
		this.properties = properties;
		this.clock = clock;
	}

	/** Follows every calendar the connection needs; watches those without a live channel. */
	void watchAll(CalendarConnection connection) {
		follow(connection, true);
	}

	/**
	 * The calendars already known (followed, the default one, those tasks target) without reading the calendar
	 * list: what the frequent check needs, one {@code calendarList.list} a connection cheaper. A calendar whose
	 * watch failed for a passing reason is tried again here (never one Google refuses).
	 */
	void watchKnown(CalendarConnection connection) {
		follow(connection, false);
	}

	private void follow(CalendarConnection connection, boolean readCalendarList) {
		if (connection.getState() != CalendarConnection.State.ACTIVE) {
			return;
		}
		Set<String> calendars = new LinkedHashSet<>(syncs.calendarsToFollow(connection));
		// The whole calendar list: tasks may be sent to any writable calendar at any time, and generated ones
		// (holidays) are polled, as DESIGN.md §5 asks.
		if (readCalendarList) {
			connectionCalendars.open(connection).handle(ready -> {
				try {
					google.calendars(ready.client()).forEach(c -> calendars.add(c.id()));
				}
				catch (GoogleFailure ex) {
					calendarListUnread(connection, ex.getMessage());
				}
			}, paused -> calendarListUnread(connection, paused.reason()),
					failed -> calendarListUnread(connection, failed.reason()));
		}
		// A calendar Google refused to watch (400 pushNotSupportedForRequestedResource: holidays, birthdays) stays
		// refused; asking again every 15 minutes cost 96 calls a day per connection for nothing (IdleCostBenchmark).
		Set<String> refused = new java.util.HashSet<>();
		for (CalendarSyncs.CalendarSyncView sync : syncs.forConnection(connection.getId())) {
			calendars.add(sync.calendarId()); // every calendar followed so far, once each
			if (!sync.watchSupported()) {
				refused.add(sync.calendarId());
			}
		}
		for (String calendarId : calendars) {
			long syncId = syncs.follow(connection.getId(), calendarId);
			if (!refused.contains(calendarId) && channels.live(syncId).stream().noneMatch(c -> c.liveAt(clock.instant()))) {
				watch(connection, syncId, calendarId);
			}
		}
	}

	private static void calendarListUnread(CalendarConnection connection, String why) {
		log.info("Calendar list of connection {} not read ({}); following the known calendars", connection.getId(),
				why);
	}

	/** Opens a channel; true when Google watches the calendar now. */
	boolean watch(CalendarConnection connection, long calendarSyncId, String calendarId) {
		UUID id = UUID.randomUUID();
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Channel request = new Channel().setId(id.toString())
			.setType("web_hook")
			.setAddress(endpoints.webhookUrl())
			.setToken(token)
			.setParams(Map.of("ttl", String.valueOf(properties.ttl().toSeconds())));
		return connectionCalendars.open(connection)
			.map(ready -> watchWith(ready.client(), connection, calendarSyncId, calendarId, id, request),
					paused -> watchFailed(calendarSyncId, paused.reason()),
					failed -> watchFailed(calendarSyncId, failed.reason()));
	}

	private boolean watchWith(Calendar calendar, CalendarConnection connection, long calendarSyncId, String calendarId,
			UUID id, Channel request) {
		try {
			Channel answer = clients.call(() -> calendar.events().watch(calendarId, request).execute());
			// The real expiry is what Google answers, not what was asked (GOOGLE-API-FACTS.md).
			Instant expires = answer.getExpiration() == null ? clock.instant().plus(properties.ttl())
					: Instant.ofEpochMilli(answer.getExpiration());
			channels.insert(id, calendarSyncId, answer.getResourceId(), answer.getResourceUri(),
					PushChannels.hash(request.getToken()), expires);
			syncs.watched(calendarSyncId, expires);
			log.info("Watching {} for connection {} until {} (channel {})", calendarId, connection.getId(), expires, id);
			return true;
		}
		catch (GoogleFailure failure) {
			// Generated calendars (holidays, birthdays) answer 400 pushNotSupportedForRequestedResource: poll them.
			boolean refused = failure.outcome() instanceof GoogleOutcome.BadRequest
					|| failure.outcome() instanceof GoogleOutcome.Forbidden;
			syncs.polled(calendarSyncId, refused, refused ? "Google does not send changes for this calendar"
					: "Watch failed: " + failure.outcome());
			log.info("Polling {} for connection {}: {}", calendarId, connection.getId(), failure.outcome());
			return false;
		}
	}

	/** No token to watch with: the calendar is polled, and the next check tries again. */
	private boolean watchFailed(long calendarSyncId, String why) {
		syncs.polled(calendarSyncId, false, "Watch failed: " + why);
		return false;
	}

	/**
	 * Renews with overlap: the new channel first, then the old one stopped, so no change falls into a gap (both
	 * notify for a moment; the inbound worker coalesces). A failed renewal keeps the old channel while it lives,
	 * polls, and is retried.
	 */
	void renew(CalendarConnection connection, PushChannels.PushChannel old, String calendarId) {
		if (watch(connection, old.calendarSyncId(), calendarId)) {
			stop(connection, old, calendarId);
		}
		else {
			// watch() has put the calendar on polling; the old channel keeps notifying while it lives.
			channels.renewLater(old.id(), clock.instant().plus(RETRY_RENEWAL));
		}
	}

	/** Stops a channel at Google (an unknown one there is already stopped) and marks it stopped here. */
	void stop(CalendarConnection connection, PushChannels.PushChannel channel, String calendarId) {
		connectionCalendars.open(connection).handle(ready -> {
			Calendar calendar = ready.client();
			try {
				clients.call(() -> calendar.channels()
					.stop(new Channel().setId(channel.id().toString()).setResourceId(channel.resourceId()))
					.execute());
			}
			catch (GoogleFailure failure) {
				log.info("Stopping channel {} of {}: {} (it expires on its own)", channel.id(), calendarId,
						failure.outcome());
			}
		}, paused -> stoppedWithoutToken(channel), failed -> stoppedWithoutToken(channel));
		channels.stopped(channel.id());
	}

	private static void stoppedWithoutToken(PushChannels.PushChannel channel) {
		log.info("Stopping channel {} without a token: it expires on its own", channel.id());
	}

	/** Disconnect: every channel of the connection stops (with the token still valid). */
	void stopAll(CalendarConnection connection) {
		List<PushChannels.PushChannel> live = channels.liveOfConnection(connection.getId());
		for (PushChannels.PushChannel channel : live) {
			stop(connection, channel, "calendar sync " + channel.calendarSyncId());
			syncs.polled(channel.calendarSyncId(), false, "Disconnected");
		}
	}

}
