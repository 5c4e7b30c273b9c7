package io.calbridge.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.calbridge.sync.CalendarSyncs;

/**
 * The {@code push_channels} table. Channel tokens are never stored, only their SHA-256: a database leak does not
 * let anyone forge notifications.
 */
@Repository
class PushChannels {

	/** A channel as stored. */
	record PushChannel(UUID id, long calendarSyncId, String resourceId, String tokenHash, Instant expiresAt,
			long lastMessageNumber, Instant stoppedAt) {

		boolean liveAt(Instant now) {
			return stoppedAt == null && expiresAt.isAfter(now);
		}

	}

	private static final RowMapper<PushChannel> ROW = (rs, row) -> new PushChannel(rs.getObject("id", UUID.class),
			rs.getLong("calendar_sync_id"), rs.getString("resource_id"), rs.getString("token_hash"),
			rs.getTimestamp("expires_at").toInstant(), rs.getLong("last_message_number"),
			rs.getTimestamp("stopped_at") == null ? null : rs.getTimestamp("stopped_at").toInstant());

	private final JdbcTemplate jdbc;

	private final CalendarSyncs syncs;

	private final Clock clock;

	PushChannels(JdbcTemplate jdbc, CalendarSyncs syncs, Clock clock) {
		this.jdbc = jdbc;
		this.syncs = syncs;
		this.clock = clock;
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void insert(UUID id, long calendarSyncId, String resourceId, String resourceUri, String tokenHash,
			Instant expiresAt) {
		jdbc.update("""
				insert into push_channels (id, calendar_sync_id, resource_id, resource_uri, token_hash, expires_at)
				values (?, ?, ?, ?, ?, ?)""", id, calendarSyncId, resourceId, resourceUri, tokenHash,
				Timestamp.from(expiresAt));
	}

	Optional<PushChannel> find(UUID id) {
		return jdbc.query("select * from push_channels where id = ?", ROW, id).stream().findFirst();
	}

	/**
	 * A notification newer than any seen on this channel asks its calendar for an inbound run, in one transaction
	 * with the message number, so a burst of pushes coalesces into one run. The request goes through the sync
	 * module, which owns {@code calendar_syncs}. Returns false when the message number was not above the last one
	 * (a replay, or a late duplicate).
	 */
	@Transactional
	boolean notified(UUID id, long messageNumber) {
		List<Long> seen = jdbc.queryForList("""
				update push_channels set last_message_number = ?
				where id = ? and last_message_number < ? and stopped_at is null
				returning calendar_sync_id""", Long.class, messageNumber, id, messageNumber);
		seen.forEach(syncs::requestInbound);
		return !seen.isEmpty();
	}

	void stopped(UUID id) {
		jdbc.update("update push_channels set stopped_at = ? where id = ? and stopped_at is null",
				Timestamp.from(clock.instant()), id);
	}

	void renewLater(UUID id, Instant at) {
		jdbc.update("update push_channels set renew_after = ? where id = ?", Timestamp.from(at), id);
	}

	List<PushChannel> live(long calendarSyncId) {
		return jdbc.query("select * from push_channels where calendar_sync_id = ? and stopped_at is null "
				+ "order by expires_at desc", ROW, calendarSyncId);
	}

	/** Live channels expiring before {@code before} whose renewal is not waiting for a retry. */
	List<PushChannel> expiringBefore(Instant before) {
		return jdbc.query("""
				select * from push_channels where stopped_at is null and expires_at < ?
				  and (renew_after is null or renew_after <= ?) order by expires_at""", ROW, Timestamp.from(before),
				Timestamp.from(clock.instant()));
	}

	List<PushChannel> liveOfConnection(long connectionId) {
		return syncs.forConnection(connectionId).stream().flatMap(sync -> live(sync.id()).stream()).toList();
	}

}
