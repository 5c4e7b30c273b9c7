package io.calbridge;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another CalBridge on the test's database, as a second instance behind a load balancer would be: its own port
 * and workers, no emulator of its own, Google being the first instance's emulator.
 */
public final class SecondInstance {

	private SecondInstance() {
	}

	/** Starts it; close the context to stop it. {@code port} is the first instance's, whose emulator it uses. */
	public static ConfigurableApplicationContext start(int port, HikariDataSource dataSource) {
		String google = "http://127.0.0.1:" + port + "/emulator/google/";
		// Command-line arguments: they outrank application.yml (builder properties would not).
		return new SpringApplicationBuilder(CalBridgeApplication.class).profiles("test")
			.run("--server.port=0", "--spring.datasource.url=" + dataSource.getJdbcUrl(),
					"--spring.datasource.username=" + dataSource.getUsername(),
					"--spring.datasource.password=" + dataSource.getPassword(), "--calbridge.emulator.enabled=false",
					"--calbridge.google.token-uri=" + google + "token", "--calbridge.google.revoke-uri=" + google + "revoke",
					"--calbridge.google.user-info-uri=" + google + "v1/userinfo",
					"--calbridge.google.calendar-root-url=" + google);
	}

	public static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

}
