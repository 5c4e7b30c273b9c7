package io.calbridge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jasypt.encryption.StringEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;
import io.calbridge.EmulatorAccess;
import io.calbridge.connections.TokenService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a calendar is connected, the access token, the refresh token and the client secret appear in clear nowhere
 * an attacker or a curious admin could look: no table of the database, no line of the log, no settings page.
 */
@CalBridgeTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsScanTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenService tokens;

	@Autowired
	@Qualifier("jasyptStringEncryptor")
	StringEncryptor encryptor;

	@Test
	void noSecretInClearInTheDatabaseTheLogOrTheSettingsPages(CapturedOutput output) {
		SecurityFixture ana = SecurityFixture.anaWithEverything(port);
		WebClient person = ana.person();
		person.postForm("/settings/integrations/new", person.get("/settings/integrations").csrf(),
				Map.of("name", "Sales team Google", "clientId", "1234-sales.apps.googleusercontent.com", "clientSecret",
						"GOCSPX-sales-team-secret-4711"));
		String clientId = jdbc.queryForObject("select client_id from google_integrations where id = ?", String.class,
				ana.integration());
		List<String> secrets = List.of(tokens.accessToken(ana.connection()),
				encryptor.decrypt(jdbc.queryForObject("select refresh_token from calendar_connections where id = ?",
						String.class, ana.connection())),
				new EmulatorAccess(port).clientSecret(clientId), "GOCSPX-sales-team-secret-4711");
		assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(10));

		String database = everyTable();
		String pages = everySettingsPage(person, ana);
		String log = output.getAll();

		assertThat(database).as("the dump has the data").contains("ana.souza@example.com", clientId,
				"Sales team Google");
		assertThat(pages).as("the pages show the connection").contains("ana.souza@example.com", "4711");
		assertThat(log).as("the log saw the connect").contains("INFO");
		for (String secret : secrets) {
			assertThat(database).as("a secret in the database").doesNotContain(secret);
			assertThat(log).as("a secret in the log").doesNotContain(secret);
			assertThat(pages).as("a secret on a settings page").doesNotContain(secret);
		}
	}

	private String everyTable() {
		StringBuilder dump = new StringBuilder();
		List<String> tables = jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = current_schema() "
						+ "and table_type = 'BASE TABLE'",
				String.class);
		assertThat(tables).contains("users", "google_integrations", "calendar_connections", "crm_tasks");
		for (String table : tables) {
			dump.append(table).append(jdbc.queryForList("select * from \"" + table + "\"")).append('\n');
		}
		return dump.toString();
	}

	private static String everySettingsPage(WebClient person, SecurityFixture ana) {
		List<String> pages = new ArrayList<>(List.of("/settings/integrations", "/settings/integrations/new",
				"/settings/integrations/" + ana.integration() + "/edit", "/settings/calendar",
				"/settings/calendar/status"));
		StringBuilder html = new StringBuilder();
		for (String page : pages) {
			WebClient.Response answer = person.get(page);
			assertThat(answer.status()).as(page).isEqualTo(200);
			html.append(answer.body());
		}
		return html.toString();
	}

}
