package io.calbridge.connections;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Pending OAuth requests, kept in the session and bound to the user who started them: an answer carrying a
 * state that is not this session's, or that another user started, or that was used already, finds nothing.
 * (Spring's session repository looks the request up by the {@code state} parameter and removes it on use.)
 */
class UserBoundAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

	static final String USER_ATTRIBUTE = "calbridge_user_id";

	private final HttpSessionOAuth2AuthorizationRequestRepository session = new HttpSessionOAuth2AuthorizationRequestRepository();

	@Override
	public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
		return ownedByCurrentUser(session.loadAuthorizationRequest(request));
	}

	@Override
	public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
			HttpServletResponse response) {
		session.saveAuthorizationRequest(authorizationRequest, request, response);
	}

	@Override
	public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
			HttpServletResponse response) {
		return ownedByCurrentUser(session.removeAuthorizationRequest(request, response));
	}

	private static OAuth2AuthorizationRequest ownedByCurrentUser(OAuth2AuthorizationRequest stored) {
		if (stored == null) {
			return null;
		}
		Long user = IntegrationRegistrations.currentUserId();
		return user != null && Objects.equals(stored.getAttribute(USER_ATTRIBUTE), user) ? stored : null;
	}

}
