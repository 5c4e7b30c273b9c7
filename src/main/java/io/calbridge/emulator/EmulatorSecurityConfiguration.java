package io.calbridge.emulator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.calbridge.CalBridgeProperties;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The emulator is its own little Google: no CalBridge login on Google's API paths, which take bearer tokens, client
 * secrets and JSON like Google's (so CSRF is off there) and which CalBridge itself calls over loopback. The admin
 * API, the consent page and the calendar page answer only callers on this machine or a signed-in CalBridge admin
 * ({@link LocalOrAdmin}): they hand out tokens and secrets and change anyone's calendar. Everyone else gets 403.
 * Whether anyone counts as on this machine depends on the server's forwarded-headers setting and the public URL.
 * The two HTML pages keep CSRF for their forms.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class EmulatorSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain emulatorSecurityFilterChain(HttpSecurity http, EmulatorProperties properties,
			CalBridgeProperties calBridge, Environment environment) throws Exception {
		LocalOrAdmin.ThisMachine thisMachine = LocalOrAdmin.ThisMachine.of(environment, calBridge.publicUrl());
		String root = properties.rootPath();
		RequestMatcher consentForm = pathPattern(root + "o/oauth2/**");
		RequestMatcher calendarPage = pathPattern("/emulator/calendar/**");
		RequestMatcher page = request -> consentForm.matches(request) || calendarPage.matches(request)
				|| pathPattern("/emulator/calendar").matches(request);
		RequestMatcher admin = pathPattern("/emulator/admin/**");
		http.securityMatcher("/emulator/**", root + "**")
			.authorizeHttpRequests(auth -> auth.requestMatchers(admin)
				.access(LocalOrAdmin.adminApi(thisMachine))
				.requestMatchers(page)
				.access(LocalOrAdmin.pages(thisMachine))
				.anyRequest()
				.permitAll())
			.csrf(csrf -> csrf.ignoringRequestMatchers(request -> !page.matches(request)))
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionFixation().none());
		return http.build();
	}

}
