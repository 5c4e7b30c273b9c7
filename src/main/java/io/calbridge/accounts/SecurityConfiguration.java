package io.calbridge.accounts;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two doors: the pages (form login, session, CSRF) and {@code /api/**} (HTTP Basic, stateless, JSON
 * answers, never a redirect to the login page). Modules with other public paths (the webhook, the
 * emulator) bring their own, more specific chains. Both doors are throttled by {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * BCrypt at its default cost (10) unless {@code calbridge.password-hash-strength} says otherwise: the tests set
	 * 4, because HTTP Basic checks the password on every API call and their clients make thousands. Hashes of any
	 * cost keep matching, whatever the setting.
	 */
	@Bean
	PasswordEncoder passwordEncoder(@Value("${calbridge.password-hash-strength:10}") int strength) {
		return new BCryptPasswordEncoder(strength);
	}

	@Bean
	@Order(10)
	SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle) throws Exception {
		http.securityMatcher("/api/**")
			.addFilterBefore(throttle.basicLogins(), BasicAuthenticationFilter.class)
			.addFilterAfter(throttle.basicLoginsChecked(), BasicAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(problem(HttpStatus.UNAUTHORIZED,
					"Authentication required: send HTTP Basic credentials of your CalBridge account")))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint(problem(HttpStatus.UNAUTHORIZED,
						"Authentication required: send HTTP Basic credentials of your CalBridge account"))
				.accessDeniedHandler(denied()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Stateless Basic auth carries no ambient credential a forged cross-site form could ride on.
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(100)
	SecurityFilterChain pages(HttpSecurity http, LoginThrottle throttle) throws Exception {
		http.addFilterBefore(throttle.formLogins(), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests
			.requestMatchers("/", "/login", LoginThrottle.REFUSED_LOGIN_PATH, "/signup", "/error", "/css/**", "/js/**", "/images/**", "/favicon.ico",
					"/marketplace/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tasks").permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()))
			.headers(Customizer.withDefaults());
		return http.build();
	}

	private static AuthenticationEntryPoint problem(HttpStatus status, String detail) {
		return (request, response, ex) -> writeProblem(response, status, detail);
	}

	private static AccessDeniedHandler denied() {
		return (request, response, ex) -> writeProblem(response, HttpStatus.FORBIDDEN, "Access denied");
	}

	private static void writeProblem(HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"CalBridge\"");
		}
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}");
	}

}
