package io.calbridge.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/**}: health (with its probe groups) and Prometheus metrics open to load balancers, orchestrators
 * and scrapers without a login; every other endpoint only for an admin, with HTTP Basic. Health shows component
 * statuses to anyone but their details (counts, addresses) only to an admin (application.yml,
 * {@code management.endpoint.health}). Stateless, like the API: a probe must not create sessions.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

	@Bean
	@Order(5)
	SecurityFilterChain actuator(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Only GETs are exposed, and they carry no cookie-based credential to forge.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
