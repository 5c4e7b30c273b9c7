package io.calbridge.connections;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.calbridge.accounts.AccountUser;
import io.calbridge.google.GoogleEndpoints;

/**
 * One OAuth client registration per Google integration, read from the database. The registration id is the
 * integration id; only the logged-in user's active integrations resolve, so nobody can start a connection
 * with someone else's client credentials.
 */
@Component
class IntegrationRegistrations implements ClientRegistrationRepository {

	private final GoogleIntegrationRepository integrations;

	private final GoogleEndpoints endpoints;

	IntegrationRegistrations(GoogleIntegrationRepository integrations, GoogleEndpoints endpoints) {
		this.integrations = integrations;
		this.endpoints = endpoints;
	}

	@Override
	@Transactional(readOnly = true)
	public ClientRegistration findByRegistrationId(String registrationId) {
		Long userId = currentUserId();
		if (userId == null || !registrationId.matches("\\d{1,18}")) {
			return null;
		}
		return integrations.findOwned(userId, Long.parseLong(registrationId))
			.filter(GoogleIntegration::isActive)
			.map(this::registration)
			.orElse(null);
	}

	/** For calls outside a request (token refresh by a worker): any integration, by id. */
	@Transactional(readOnly = true)
	ClientRegistration forIntegration(long integrationId) {
		return integrations.findById(integrationId).map(this::registration).orElse(null);
	}

	private ClientRegistration registration(GoogleIntegration integration) {
		return ClientRegistration.withRegistrationId(String.valueOf(integration.getId()))
			.clientName(integration.getName())
			.clientId(integration.getClientId())
			.clientSecret(integration.getClientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(endpoints.redirectUri())
			.scope(endpoints.scopes())
			.authorizationUri(endpoints.authorizationUri())
			.tokenUri(endpoints.tokenUri())
			.userInfoUri(endpoints.userInfoUri())
			.userNameAttributeName("email")
			.build();
	}

	static Long currentUserId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof AccountUser user ? user.id() : null;
	}

}
