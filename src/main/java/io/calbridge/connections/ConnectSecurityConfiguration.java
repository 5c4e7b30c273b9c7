package io.calbridge.connections;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The calendar settings and the OAuth connect flow (spring-security-oauth2-client's {@code oauth2Client}, not
 * login: the person is already logged in to CalBridge and is only granting calendar access).
 * <p>
 * {@code POST /settings/calendar/connect/{integrationId}} sends the browser to Google's consent page (see
 * {@link ConnectRequests}). Google answers on
 * {@code /settings/calendar/callback}, where Spring checks the state against the session and exchanges the
 * code; {@link ConnectionAuthorizedClients} stores the connection.
 */
@Configuration(proxyBeanMethods = false)
class ConnectSecurityConfiguration {

	static final String CONNECT_PATH = "/settings/calendar/connect";

	@Bean
	@Order(50)
	SecurityFilterChain calendarSettings(HttpSecurity http, IntegrationRegistrations registrations,
			ConnectionService connections) throws Exception {
		http.securityMatcher("/settings/calendar/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
			// After the code exchange, always land on the callback page, never on some older saved request.
			.requestCache(cache -> cache.requestCache(new NullRequestCache()))
			.oauth2Client(client -> client.clientRegistrationRepository(registrations)
				.authorizedClientRepository(new ConnectionAuthorizedClients(connections))
				.authorizationCodeGrant(grant -> grant.authorizationRequestResolver(new ConnectRequests(registrations, CONNECT_PATH))
					.authorizationRequestRepository(new UserBoundAuthorizationRequests())));
		return http.build();
	}

}
