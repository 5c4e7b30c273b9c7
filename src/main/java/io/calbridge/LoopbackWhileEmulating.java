package io.calbridge;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * While the built-in emulator is on, CalBridge listens on {@code 127.0.0.1} only, unless {@code SERVER_ADDRESS}
 * ({@code server.address}) names another address: the emulator hands out tokens and client secrets, so a plain
 * local start must not be reachable from the network. Added as the lowest-ranked property source, so any
 * configured address wins; with the emulator off the server keeps Spring's default (every interface).
 * <p>
 * Registered in {@code META-INF/spring.factories}; runs after the configuration files are read.
 */
class LoopbackWhileEmulating implements EnvironmentPostProcessor {

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty("calbridge.emulator.enabled", Boolean.class, false)
				&& environment.getProperty("server.address") == null) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("calbridge-loopback-while-emulating",
						Map.of("server.address", LOOPBACK)));
		}
	}

}
