package io.calbridge.emulator.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.calbridge.emulator.calendar.GoogleError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Watch channels on events collections. Like Google's, a channel never renews itself, stops at its expiration
 * and can be stopped only by the user (and client) that opened it.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class Channels {

	private static final Logger log = LoggerFactory.getLogger(Channels.class);

	/** A channel as the emulator holds it; {@code messageNumber} is the last number sent. */
	public record Channel(String id, String resourceId, String resourceUri, Optional<String> token, String address,
			Instant expiration, String account, String clientId, String calendarId, AtomicLong messageNumber) {

		boolean liveAt(Instant now) {
			return expiration.isAfter(now);
		}

	}

	private final Map<String, Channel> channels = new LinkedHashMap<>();

	private final AtomicBoolean warnedAboutHttp = new AtomicBoolean();

	private final PushSender sender;

	public Channels(PushSender sender) {
		this.sender = sender;
		sender.channels(this);
	}

	/** {@code events.watch}; the first message ({@code sync}, number 1) goes out right away, asynchronously. */
	public Channel open(String account, String clientId, String calendarId, String id, String address,
			Optional<String> token, Instant expiration, String resourceUri) {
		Channel channel;
		synchronized (this) {
			if (channels.containsKey(id)) {
				throw new GoogleError(400, "push", "channelIdNotUnique", "Channel id " + id + " not unique");
			}
			channel = new Channel(id, resourceId(calendarId), resourceUri, token, address, expiration, account, clientId,
					calendarId, new AtomicLong(1));
			channels.put(id, channel);
		}
		if (address.startsWith("http://") && warnedAboutHttp.compareAndSet(false, true)) {
			log.warn("Emulator accepts http:// webhook addresses (here {}); Google requires HTTPS with a valid certificate.",
					address);
		}
		sender.send(channel, "sync", 1);
		return channel;
	}

	/** {@code channels.stop}: Google answers 404 for a channel it does not know (or not for this user). */
	public synchronized void stop(String account, String id, String resourceId) {
		Channel c = channels.get(id);
		if (c == null || (resourceId != null && !resourceId.equals(c.resourceId())) || !c.account().equalsIgnoreCase(account)) {
			throw new GoogleError(404, "global", "notFound", "Channel '" + id + "' not found for project 'calbridge-emulator'");
		}
		channels.remove(id);
	}

	public synchronized boolean expire(String id) {
		Channel c = channels.get(id);
		if (c == null) {
			return false;
		}
		channels.put(id, new Channel(c.id(), c.resourceId(), c.resourceUri(), c.token(), c.address(), Instant.now(),
				c.account(), c.clientId(), c.calendarId(), c.messageNumber()));
		return true;
	}

	public synchronized List<Channel> live() {
		Instant now = Instant.now();
		return channels.values().stream().filter(c -> c.liveAt(now)).toList();
	}

	synchronized List<Channel> liveOn(String calendarId) {
		return live().stream().filter(c -> c.calendarId().equals(calendarId)).toList();
	}

	synchronized boolean isLive(String id) {
		Channel c = channels.get(id);
		return c != null && c.liveAt(Instant.now());
	}

	public synchronized void reset() {
		channels.clear();
	}

	/** Stable per watched collection, like Google's opaque resource ids. */
	static String resourceId(String calendarId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1").digest(("events:" + calendarId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
