package io.calbridge.accounts;

import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.SecondInstance;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions live in the database: a person signed in on one instance is signed in on every other, and a restart
 * of the instance they signed in on keeps them signed in.
 */
@CalBridgeTest
class SharedSessionsTest {

	@LocalServerPort
	int port;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	/** One test, as each instance costs a start of the whole app. */
	@Test
	void aSessionIsKnownToEveryInstanceOutlivesARestartAndEndsEverywhereOnLogout() {
		WebClient ana = WebClient.signedUp(port, "Ana Souza");
		String email = ana.credentials().email();
		assertThat(sessionsOf(email)).as("the signed-in session, in the database").isEqualTo(1);

		try (ConfigurableApplicationContext second = SecondInstance.start(port, dataSource)) {
			WebClient.Response tasks = ana.at(SecondInstance.port(second)).get("/tasks");
			assertThat(tasks.status()).as("the second instance knows the session").isEqualTo(200);
			assertThat(tasks.body()).contains("Ana Souza");
		}
		try (ConfigurableApplicationContext restarted = SecondInstance.start(port, dataSource)) {
			WebClient elsewhere = ana.at(SecondInstance.port(restarted));
			WebClient.Response tasks = elsewhere.get("/tasks");
			assertThat(tasks.status()).as("a freshly started instance knows it too").isEqualTo(200);

			assertThat(elsewhere.postForm("/logout", tasks.csrf(), Map.of()).status()).isEqualTo(302);
		}

		assertThat(ana.get("/tasks").status()).as("back at the first instance: signed out").isEqualTo(302);
		assertThat(sessionsOf(email)).isZero();
	}

	private long sessionsOf(String email) {
		return jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Long.class, email);
	}

}
