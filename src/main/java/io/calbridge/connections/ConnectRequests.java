package io.calbridge.connections;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Builds the request that sends the browser to Google's consent page: {@code access_type=offline} and
 * {@code prompt=consent} (so Google sends a refresh token every time), {@code include_granted_scopes=true},
 * PKCE (S256), and the logged-in user's id kept with the state. An integration that does not resolve
 * (unknown, another user's, inactive) is passed on to the page, which says so, instead of failing.
 */
class ConnectRequests implements OAuth2AuthorizationRequestResolver {

	private final IntegrationRegistrations registrations;

	private final DefaultOAuth2AuthorizationRequestResolver delegate;

	private final RequestMatcher connectPath;

	ConnectRequests(IntegrationRegistrations registrations, String basePath) {
		this.registrations = registrations;
		this.connectPath = PathPatternRequestMatcher.withDefaults().matcher(basePath + "/{registrationId}");
		this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, basePath);
		this.delegate.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
			.andThen(request -> request
				.additionalParameters(params -> {
					params.put("access_type", "offline");
					params.put("prompt", "consent");
					params.put("include_granted_scopes", "true");
				})
				.attributes(attributes -> attributes.put(UserBoundAuthorizationRequests.USER_ATTRIBUTE,
						IntegrationRegistrations.currentUserId()))));
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		RequestMatcher.MatchResult match = connectPath.matcher(request);
		if (!match.isMatch()) {
			return null;
		}
		return resolve(request, match.getVariables().get("registrationId"));
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		return registrations.findByRegistrationId(clientRegistrationId) == null ? null
				: delegate.resolve(request, clientRegistrationId);
	}

}
