package io.calbridge.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Google calls the webhook without a login or a CSRF token: its authentication is the channel token, checked by
 * {@link WebhookController}. Stateless, so notifications never create sessions.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurityConfiguration {

	@Bean
	@Order(5)
	SecurityFilterChain webhookSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/webhooks/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
