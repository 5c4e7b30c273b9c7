package io.calbridge.connections;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.calbridge.google.GoogleAccountApi;
import io.calbridge.google.GoogleAccountApi.CalendarSummary;

/**
 * A user's calendar connections: made on the OAuth callback, changed on the settings page, ended by disconnect.
 * Google is called outside any database transaction; each write is its own short transaction.
 */
@Service
public class ConnectionService {

	private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

	private final CalendarConnectionRepository connections;

	private final GoogleAccountApi google;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ConnectionService(CalendarConnectionRepository connections, GoogleAccountApi google,
			TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
		this.connections = connections;
		this.google = google;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Stores the connection for the Google account behind {@code tokens}: a new one, or the same account's
	 * existing one updated (one connection per user and Google account). The primary calendar becomes the
	 * default the first time.
	 */
	CalendarConnection connect(long userId, long integrationId, CalendarConnection.Tokens tokens) {
		String email = google.email(tokens.accessToken());
		String primary = google.calendars(tokens.accessToken())
			.stream()
			.filter(CalendarSummary::primary)
			.map(CalendarSummary::id)
			.findFirst()
			.orElse(email);
		CalendarConnection saved = transactions.execute(tx -> {
			CalendarConnection connection = connections.findByAccount(userId, email)
				.orElseGet(() -> new CalendarConnection(userId, email));
			if (tokens.refreshToken() == null && connection.getRefreshToken() == null) {
				throw new IllegalStateException("Google did not grant offline access (no refresh token)");
			}
			connection.connected(integrationId, tokens, primary, clock.instant());
			return connections.save(connection);
		});
		log.info("Connection {} of user {} connected ({})", saved.getId(), userId, saved.getState());
		events.publishEvent(new CalendarConnected(userId, saved.getId()));
		return saved;
	}

	public List<CalendarConnection> list(long userId) {
		return connections.findByUser(userId);
	}

	public CalendarConnection get(long userId, long connectionId) {
		return connections.findOwned(userId, connectionId).orElseThrow(ConnectionNotFoundException::new);
	}

	/** The connection a user's new tasks go to: their first active one. */
	public Optional<CalendarConnection> activeConnectionFor(long userId) {
		return connections.findByUser(userId)
			.stream()
			.filter(c -> c.getState() == CalendarConnection.State.ACTIVE)
			.min(java.util.Comparator.comparing(CalendarConnection::getId));
	}

	/** For workers: a connection by id, whoever owns it. */
	public Optional<CalendarConnection> find(long connectionId) {
		return connections.findById(connectionId);
	}

	/**
	 * Saves the settings. Import switched on, or its calendar changed while on, reads that calendar now; auto-sync
	 * switched back on sends what waited meanwhile. True when an import read starts.
	 */
	boolean updateSettings(long userId, long connectionId, SettingsForm form) {
		SettingsForm before = transactions.execute(tx -> {
			CalendarConnection connection = get(userId, connectionId);
			SettingsForm was = SettingsForm.of(connection);
			connection.updateSettings(form.getDefaultCalendarId(), form.isAutoSync(), form.isImportExternalEvents(),
					form.getDeletionRule(), clock.instant());
			return was;
		});
		boolean importStarts = form.isImportExternalEvents() && (!before.isImportExternalEvents()
				|| !form.getDefaultCalendarId().equals(before.getDefaultCalendarId()));
		if (importStarts) {
			events.publishEvent(new ExternalEventsImportTurnedOn(connectionId, form.getDefaultCalendarId()));
		}
		if (form.isAutoSync() && !before.isAutoSync()) {
			events.publishEvent(new AutoSyncTurnedOn(userId, connectionId));
		}
		return importStarts;
	}

	void updateColors(long userId, long connectionId, Map<String, String> colors) {
		transactions.executeWithoutResult(tx -> get(userId, connectionId).updateColors(colors, clock.instant()));
	}

	/** What a disconnect did; the counts are those of {@link Removal}. */
	record Disconnected(boolean revoked, int removed, int removedWithGuests, int notRemoved, int leftInCalendar,
			boolean guestsTold) {
	}

	/** What "disconnect and remove the events" would do: see {@link CalendarRemovalPreview}. */
	record Removal(int made, int madeWithGuests, int leftInCalendar) {
	}

	Removal previewRemoval(long userId, long connectionId) {
		get(userId, connectionId);
		CalendarRemovalPreview preview = new CalendarRemovalPreview(userId, connectionId);
		events.publishEvent(preview);
		return new Removal(preview.made().get(), preview.madeWithGuests().get(), preview.leftInCalendar().get());
	}

	/**
	 * Removes CalBridge's events first when asked (the tokens are still needed for that), then revokes the grant
	 * at Google and forgets the tokens. A dead token (already revoked, expired) does not stop the disconnect: the
	 * grant is gone either way.
	 */
	Disconnected disconnect(long userId, long connectionId, boolean removeEvents, boolean tellGuests) {
		get(userId, connectionId);
		CalendarDisconnecting removal = new CalendarDisconnecting(userId, connectionId, tellGuests);
		// First: no more pushes or reads, so removing CalBridge's events is not mistaken for deletions in Google.
		events.publishEvent(new CalendarClosing(userId, connectionId));
		if (removeEvents) {
			events.publishEvent(removal);
		}
		CalendarConnection connection = get(userId, connectionId);
		String token = connection.getRefreshToken() != null ? connection.getRefreshToken()
				: connection.getAccessToken();
		boolean revoked = token == null || google.revoke(token);
		// Under the row lock, taken before anything of the row is read in this transaction: a worker meeting the
		// now revoked token (tokenRejected) may have written it meanwhile, and the lock then reads its version.
		// (Ownership was checked above.)
		transactions.executeWithoutResult(tx -> connections.lockById(connectionId)
			.ifPresent(c -> c.disconnected(clock.instant())));
		log.info("Connection {} of user {} disconnected (grant revoked: {}, events removed: {})", connectionId, userId,
				revoked, removal.removed().get());
		return new Disconnected(revoked, removal.removed().get(), removal.removedWithGuests().get(),
				removal.notRemoved().get(), removal.leftInCalendar().get(), tellGuests);
	}

	@ResponseStatus(HttpStatus.NOT_FOUND)
	public static class ConnectionNotFoundException extends RuntimeException {

		ConnectionNotFoundException() {
			super("Calendar connection not found");
		}

	}

}
