package io.calbridge.connections;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connecting a Google Calendar as a person does it, against the built-in emulator over real HTTP: the settings
 * pages, Spring Security's OAuth client flow, the emulator's consent page, and back.
 */
@CalBridgeTest
@ExtendWith(OutputCaptureExtension.class)
class ConnectCalendarTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TokenService tokens;

	WebClient ana;

	@BeforeEach
	void signUp() {
		ana = WebClient.signedUp(port, "Ana Souza");
	}

	@Test
	void aPersonConnectsTheirCalendarThroughTheConsentPage(CapturedOutput output) {
		long integration = ConsentFlow.addEmulatorIntegration(ana);

		WebClient.Response consent = ConsentFlow.startConnect(ana, integration);
		Map<String, String> asked = query(consent.header("Location"));
		assertThat(asked).containsEntry("access_type", "offline")
			.containsEntry("prompt", "consent")
			.containsEntry("include_granted_scopes", "true")
			.containsEntry("code_challenge_method", "S256")
			.containsKey("state")
			.containsEntry("redirect_uri", ana.base() + "/settings/calendar/callback");

		WebClient.Response settings = ConsentFlow.allowOnConsentPage(ana, consent, "ana.souza@example.com");

		assertThat(settings.body()).contains("Connected ana.souza@example.com.", "ana.souza@example.com",
				"Ana — Client meetings", "(primary)", "connected");
		// Read-only calendars are not offered as the default (the followed-calendars table may list them, once
		// their watch is set up).
		String offered = settings.body().substring(settings.body().indexOf("name=\"defaultCalendarId\""));
		offered = offered.substring(0, offered.indexOf("</select>"));
		assertThat(offered).contains("Ana — Client meetings").doesNotContain("Holidays");
		Map<String, Object> row = jdbc.queryForMap(
				"select * from calendar_connections where google_account_email = 'ana.souza@example.com' "
						+ "and user_id = (select max(id) from users)");
		assertThat(row.get("state")).isEqualTo("ACTIVE");
		assertThat(row.get("default_calendar_id")).isEqualTo("ana.souza@example.com");

		// Secrets at rest: neither the tokens nor the client secret appear in the database or the log.
		String accessToken = tokens.accessToken((Long) row.get("id"));
		String clientSecret = jdbc.queryForObject("select client_secret from google_integrations where id = ?",
				String.class, integration);
		String plainSecret = emulatorClientSecret(jdbc.queryForObject(
				"select client_id from google_integrations where id = ?", String.class, integration));
		assertThat(row.get("access_token").toString()).isNotEqualTo(accessToken);
		assertThat(clientSecret).isNotEqualTo(plainSecret);
		String dump = jdbc.queryForList("select * from calendar_connections").toString()
				+ jdbc.queryForList("select * from google_integrations").toString();
		assertThat(dump).doesNotContain(accessToken).doesNotContain(plainSecret);
		assertThat(output.getAll()).doesNotContain(accessToken).doesNotContain(plainSecret);
	}

	@Test
	void connectingTheSameAccountAgainUpdatesTheOneConnection() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com");
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com");

		assertThat(jdbc.queryForObject("select count(*) from calendar_connections where user_id = "
				+ "(select max(id) from users)", Long.class)).isEqualTo(1);
	}

	@Test
	void denyingAccessStoresNothingAndSaysSo() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);

		WebClient.Response page = ConsentFlow.decideOnConsentPage(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com",
				"deny");

		assertThat(page.body()).contains("You did not allow CalBridge to use your calendar");
		assertThat(connectionsOfNewestUser()).isZero();
	}

	@Test
	void aTamperedStateIsRefused() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		URI callback = ConsentFlow.consentRedirect(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com", "allow");
		String tampered = callback.toString().replaceAll("state=[^&]+", "state=forged-state-value");

		WebClient.Response page = ConsentFlow.landOn(ana, ana.get(ConsentFlow.path(tampered)));

		assertThat(page.body()).contains("does not belong to a connection you started");
		assertThat(connectionsOfNewestUser()).isZero();
	}

	@Test
	void anAnswerMeantForAnotherUsersSessionIsRefused() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		URI anasCallback = ConsentFlow.consentRedirect(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com", "allow");
		WebClient ben = WebClient.signedUp(port, "Ben Keller");

		WebClient.Response page = ConsentFlow.landOn(ben, ben.get(ConsentFlow.path(anasCallback.toString())));

		assertThat(page.body()).contains("does not belong to a connection you started");
		assertThat(jdbc.queryForObject("select count(*) from calendar_connections c join users u on u.id = c.user_id "
				+ "where lower(u.email) = lower(?)", Long.class, ben.credentials().email()))
			.as("Ben did not get Ana's calendar")
			.isZero();
		assertThat(jdbc.queryForObject("select count(*) from calendar_connections c join users u on u.id = c.user_id "
				+ "where lower(u.email) = lower(?)", Long.class, ana.credentials().email()))
			.as("nor did Ana, whose answer it was, through Ben's session")
			.isZero();
	}

	@Test
	void aReplayedCallbackIsRefusedTheSecondTime() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		URI callback = ConsentFlow.consentRedirect(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com", "allow");
		ConsentFlow.landOn(ana, ana.get(ConsentFlow.path(callback.toString())));
		long before = connectionsOfNewestUser();

		WebClient.Response replay = ConsentFlow.landOn(ana, ana.get(ConsentFlow.path(callback.toString())));

		assertThat(before).isEqualTo(1);
		assertThat(replay.body()).contains("does not belong to a connection you started");
		assertThat(connectionsOfNewestUser()).isEqualTo(1);
	}

	@Test
	void anotherUsersIntegrationCannotBeUsedToConnect() {
		long anasIntegration = ConsentFlow.addEmulatorIntegration(ana);
		WebClient ben = WebClient.signedUp(port, "Ben Keller");

		WebClient.Response attempt = ben.postForm("/settings/calendar/connect/" + anasIntegration,
				ben.get("/settings/calendar").csrf(), Map.of());

		assertThat(attempt.header("Location")).endsWith("/settings/calendar");
		assertThat(ConsentFlow.landOn(ben, attempt).body()).contains("does not exist or is inactive");
	}

	@Test
	void disconnectRevokesTheGrantAndForgetsTheTokens() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com");
		long connection = jdbc.queryForObject("select id from calendar_connections where user_id = "
				+ "(select max(id) from users)", Long.class);
		String accessToken = tokens.accessToken(connection);

		WebClient.Response page = ConsentFlow.landOn(ana, ana.postForm("/settings/calendar/disconnect/" + connection,
				ana.get("/settings/calendar").csrf(), Map.of()));

		assertThat(page.body()).contains("Disconnected ana.souza@example.com.", "disconnected");
		Map<String, Object> row = jdbc.queryForMap("select * from calendar_connections where id = ?", connection);
		assertThat(row.get("state")).isEqualTo("DISCONNECTED");
		assertThat(row.get("access_token")).isNull();
		assertThat(row.get("refresh_token")).isNull();
		assertThat(new EmulatorAccess(port).calendarListStatus(accessToken)).as("the emulator revoked the grant")
			.isEqualTo(401);
	}

	@Test
	void anotherUsersConnectionIsNotFound() {
		long integration = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, integration), "ana.souza@example.com");
		long connection = jdbc.queryForObject("select id from calendar_connections where user_id = "
				+ "(select max(id) from users)", Long.class);
		WebClient ben = WebClient.signedUp(port, "Ben Keller");
		String csrf = ben.get("/settings/calendar").csrf();

		assertThat(ben.postForm("/settings/calendar/disconnect/" + connection, csrf, Map.of()).status()).isEqualTo(404);
		assertThat(ben.postForm("/settings/calendar/task-colors/" + connection, csrf, Map.of("color_call", "#000000"))
			.status()).isEqualTo(404);
		assertThat(jdbc.queryForObject("select state from calendar_connections where id = ?", String.class, connection))
			.isEqualTo("ACTIVE");
	}

	private long connectionsOfNewestUser() {
		return jdbc.queryForObject("select count(*) from calendar_connections where user_id = (select max(id) from users)",
				Long.class);
	}

	private String emulatorClientSecret(String clientId) {
		return new EmulatorAccess(port).clientSecret(clientId);
	}

	private static Map<String, String> query(String url) {
		Map<String, String> params = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(url).build().getQueryParams().forEach((k, v) -> params.put(k,
				java.net.URLDecoder.decode(v.get(0), java.nio.charset.StandardCharsets.UTF_8)));
		return params;
	}

}
