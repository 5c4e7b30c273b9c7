package io.calbridge.connections;

import java.io.Serializable;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import io.calbridge.accounts.AccountUser;

/**
 * Where Spring Security's authorization-code filter hands over the tokens it got on the callback: they become
 * (or update) the user's calendar connection. The outcome is left in the session for the page the filter
 * redirects to; a failure stores nothing.
 */
class ConnectionAuthorizedClients implements OAuth2AuthorizedClientRepository {

	static final String OUTCOME_ATTRIBUTE = ConnectionAuthorizedClients.class.getName() + ".OUTCOME";

	private static final Logger log = LoggerFactory.getLogger(ConnectionAuthorizedClients.class);

	private final ConnectionService connections;

	ConnectionAuthorizedClients(ConnectionService connections) {
		this.connections = connections;
	}

	/** What the callback page says. */
	record Outcome(boolean connected, String message) implements Serializable {
	}

	@Override
	public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
			Authentication principal, HttpServletRequest request) {
		return null; // tokens live in calendar_connections, read through TokenService
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		Outcome outcome;
		if (!(principal.getPrincipal() instanceof AccountUser user)) {
			outcome = new Outcome(false, "Log in to CalBridge before connecting a calendar.");
		}
		else {
			OAuth2AccessToken access = client.getAccessToken();
			Instant issued = access.getIssuedAt() == null ? Instant.now() : access.getIssuedAt();
			CalendarConnection.Tokens tokens = new CalendarConnection.Tokens(access.getTokenValue(),
					client.getRefreshToken() == null ? null : client.getRefreshToken().getTokenValue(), issued,
					access.getExpiresAt() == null ? issued.plusSeconds(3600) : access.getExpiresAt(),
					String.join(" ", access.getScopes()));
			try {
				CalendarConnection connection = connections.connect(user.id(),
						Long.parseLong(client.getClientRegistration().getRegistrationId()), tokens);
				outcome = new Outcome(true, "Connected " + connection.getGoogleAccountEmail() + ".");
			}
			catch (RuntimeException ex) {
				log.warn("Connecting a calendar for user {} failed: {}", user.id(), ex.getClass().getSimpleName());
				outcome = new Outcome(false, "Google accepted the sign-in, but reading the account failed ("
						+ ex.getMessage() + "). Nothing was saved; try connecting again.");
			}
		}
		request.getSession().setAttribute(OUTCOME_ATTRIBUTE, outcome);
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		// Nothing kept here; disconnect is ConnectionService's.
	}

}
