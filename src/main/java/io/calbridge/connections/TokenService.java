package io.calbridge.connections;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A valid access token for everything that calls Google on a connection's behalf.
 * <p>
 * One refresh at a time per connection: callers in this JVM queue on a lock per connection, and across
 * instances on the connection's row ({@code SELECT … FOR UPDATE}). Whoever gets the lock second re-reads the
 * row and finds the new token, so 20 concurrent callers cause one refresh. The row lock is the one place a
 * transaction spans a call to Google: it covers a single row and lasts at most the token endpoint's timeout,
 * and it is what keeps two instances from spending the same refresh token.
 * <p>
 * {@code invalid_grant} means the user (or Google) revoked the grant: the connection becomes NEEDS_REAUTH and
 * every caller gets {@link ConnectionPausedException} without calling Google again, until the user reconnects.
 * Other modules do not catch these: they ask {@link ConnectionCalendars}, which answers with a
 * {@link ConnectionCalendar} instead.
 */
@Service
public class TokenService {

	private static final Logger log = LoggerFactory.getLogger(TokenService.class);

	private final CalendarConnectionRepository connections;

	private final IntegrationRegistrations registrations;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final RestClientRefreshTokenTokenResponseClient refreshClient = new RestClientRefreshTokenTokenResponseClient();

	private final ConcurrentHashMap<Long, ReentrantLock> refreshLocks = new ConcurrentHashMap<>();

	TokenService(CalendarConnectionRepository connections, IntegrationRegistrations registrations,
			TransactionTemplate transactions, Clock clock) {
		this.connections = connections;
		this.registrations = registrations;
		this.transactions = transactions;
		this.clock = clock;
	}

	public String accessToken(long connectionId) {
		CalendarConnection connection = load(connectionId);
		if (!connection.tokenDueForRefresh(clock.instant())) {
			return connection.getAccessToken();
		}
		ReentrantLock lock = refreshLocks.computeIfAbsent(connectionId, id -> new ReentrantLock());
		lock.lock();
		Refresh result;
		try {
			result = transactions.execute(tx -> refreshUnderRowLock(connectionId));
		}
		finally {
			lock.unlock();
		}
		if (result.pausedBecause() != null) {
			throw new ConnectionPausedException(connectionId, result.pausedBecause());
		}
		return result.accessToken();
	}

	/** A refresh ends with a token, or with the connection paused (which must commit, so it is not thrown). */
	private record Refresh(String accessToken, String pausedBecause) {
	}

	private Refresh refreshUnderRowLock(long connectionId) {
		CalendarConnection connection = connections.lockById(connectionId)
			.orElseThrow(ConnectionService.ConnectionNotFoundException::new);
		requireActive(connection);
		Instant now = clock.instant();
		if (!connection.tokenDueForRefresh(now)) {
			return new Refresh(connection.getAccessToken(), null); // refreshed by the caller before us
		}
		ClientRegistration registration = registrations.forIntegration(connection.getIntegrationId());
		if (registration == null || connection.getRefreshToken() == null) {
			connection.needsReauth("The Google integration or the refresh token is gone: reconnect", now);
			return new Refresh(null, connection.getLastError());
		}
		OAuth2AccessTokenResponse answer;
		try {
			answer = refreshClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(registration,
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
							connection.getAccessToken() == null ? "expired" : connection.getAccessToken(), null,
							null),
					new OAuth2RefreshToken(connection.getRefreshToken(), null)));
		}
		catch (OAuth2AuthorizationException ex) {
			if ("invalid_grant".equals(ex.getError().getErrorCode())
					|| "unauthorized_client".equals(ex.getError().getErrorCode())
					|| "invalid_client".equals(ex.getError().getErrorCode())) {
				String reason = "Google no longer accepts this connection (" + ex.getError().getErrorCode()
						+ "): the access was revoked or expired. Reconnect to resume syncing.";
				connection.needsReauth(reason, now);
				log.warn("Connection {} needs the user to reconnect: {}", connectionId, ex.getError().getErrorCode());
				return new Refresh(null, reason);
			}
			throw new TokenRefreshFailedException(connectionId, ex);
		}
		OAuth2AccessToken token = answer.getAccessToken();
		connection.refreshed(new CalendarConnection.Tokens(token.getTokenValue(),
				answer.getRefreshToken() == null ? null : answer.getRefreshToken().getTokenValue(),
				token.getIssuedAt() == null ? now : token.getIssuedAt(),
				token.getExpiresAt() == null ? now.plusSeconds(3600) : token.getExpiresAt(),
				String.join(" ", token.getScopes())), now);
		log.info("Connection {}: access token refreshed, valid until {}", connectionId, token.getExpiresAt());
		return new Refresh(token.getTokenValue(), null);
	}

	/** Google refused the token (401) before it was due: the next caller refreshes it. */
	public void invalidate(long connectionId) {
		transactions.executeWithoutResult(tx -> connections.lockById(connectionId).ifPresent(c -> c.tokenRejected()));
	}

	private CalendarConnection load(long connectionId) {
		CalendarConnection connection = connections.findById(connectionId)
			.orElseThrow(ConnectionService.ConnectionNotFoundException::new);
		requireActive(connection);
		return connection;
	}

	private static void requireActive(CalendarConnection connection) {
		if (connection.getState() != CalendarConnection.State.ACTIVE) {
			throw new ConnectionPausedException(connection.getId(),
					connection.getLastError() == null ? "The connection is " + connection.getState()
							: connection.getLastError());
		}
	}

	/** The connection cannot be used until its user reconnects (or it was disconnected). Do not retry. */
	static class ConnectionPausedException extends RuntimeException {

		ConnectionPausedException(long connectionId, String reason) {
			super("Connection " + connectionId + " is paused: " + reason);
		}

	}

	/** Google could not be reached or answered oddly: try again later. */
	static class TokenRefreshFailedException extends RuntimeException {

		TokenRefreshFailedException(long connectionId, Exception cause) {
			super("Could not refresh the access token of connection " + connectionId + ": "
					+ cause.getClass().getSimpleName(), cause);
		}

	}

}
