package io.calbridge.connections;

import org.springframework.stereotype.Component;

import io.calbridge.google.CalendarClients;

/**
 * The one way to a connection's Google Calendar: a valid access token (refreshed if due, see
 * {@link TokenService}) in Google's client, or why there is none.
 */
@Component
public class ConnectionCalendars {

	private final TokenService tokens;

	private final CalendarClients clients;

	ConnectionCalendars(TokenService tokens, CalendarClients clients) {
		this.tokens = tokens;
		this.clients = clients;
	}

	/**
	 * The connection's calendar as it stands. An unknown connection is still thrown
	 * ({@link ConnectionService.ConnectionNotFoundException}): that is a caller's mistake, not a state.
	 */
	public ConnectionCalendar open(CalendarConnection connection) {
		String token;
		try {
			token = tokens.accessToken(connection.getId());
		}
		catch (TokenService.ConnectionPausedException ex) {
			return new ConnectionCalendar.Paused(ex.getMessage());
		}
		catch (TokenService.TokenRefreshFailedException ex) {
			return new ConnectionCalendar.RefreshFailed(ex.getMessage());
		}
		return new ConnectionCalendar.Ready(clients.calendar(token), connection.getGoogleAccountEmail());
	}

}
