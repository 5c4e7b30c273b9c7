package io.calbridge;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile, refuses to start when a setting production cannot do without is missing, and
 * names every one of them at once, before a bean exists: a deploy with a forgotten variable fails in a second
 * with one readable message ({@link ProductionSettingsFailureAnalyzer}), instead of a stack trace from whichever
 * bean happens to trip first, or worse, a start against the embedded database.
 * <p>
 * Registered in {@code META-INF/spring.factories}; runs right after logging is set up, so the message comes out
 * in the configured log format (JSON too).
 */
class ProductionSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		List<String> problems = problems(environment);
		if (!problems.isEmpty()) {
			throw new ProductionSettingsMissing(problems);
		}
	}

	/** What is wrong, one entry per setting, each saying which variable to set and why. */
	static List<String> problems(ConfigurableEnvironment environment) {
		List<String> problems = new ArrayList<>();
		if (blank(environment.getProperty("spring.datasource.url"))) {
			problems.add("DATABASE_URL is not set: production needs its own PostgreSQL "
					+ "(jdbc:postgresql://host:5432/calbridge); the embedded one is for local use only.");
		}
		// SecretEncryption refuses the same later; checked here too so all missing settings are named together.
		if (blank(environment.getProperty("calbridge.encryption-password"))) {
			problems.add("CALBRIDGE_ENCRYPTION_PASSWORD is not set: it encrypts OAuth tokens and client secrets at "
					+ "rest. Set a long random value and keep it safe (losing it means every user must reconnect).");
		}
		String publicUrl = environment.getProperty("calbridge.public-url");
		if (blank(publicUrl)) {
			problems.add("CALBRIDGE_PUBLIC_URL is not set: Google's OAuth redirect and push notifications need the "
					+ "https address users reach CalBridge at (https://calbridge.example.com).");
		}
		else if (!publicUrl.strip().toLowerCase().startsWith("https://")) {
			problems.add("CALBRIDGE_PUBLIC_URL must be an https address (it is \"" + publicUrl.strip() + "\"): Google "
					+ "sends push notifications only to https, and session cookies are secure-only in prod.");
		}
		// The emulator's admin API lists client secrets and mints tokens: it must never serve real users.
		if (environment.getProperty("calbridge.emulator.enabled", Boolean.class, false)) {
			problems.add("CALBRIDGE_EMULATOR_ENABLED is true: the built-in Google emulator is for local use only "
					+ "(its admin API hands out tokens and client secrets). Remove the variable or set it to false.");
		}
		return problems;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	/** Reported by {@link ProductionSettingsFailureAnalyzer} as the one message of a failed start. */
	static class ProductionSettingsMissing extends RuntimeException {

		private final List<String> problems;

		ProductionSettingsMissing(List<String> problems) {
			super("CalBridge cannot start in production: " + String.join(" ", problems));
			this.problems = List.copyOf(problems);
		}

		List<String> problems() {
			return problems;
		}

	}

}
