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
		long integration = addEmulatorIntegration(ana);

		WebClient.Response consent = startConnect(ana, integration);
		Map<String, String> asked = query(consent.header("Location"));
		assertThat(asked).containsEntry("access_type", "offline")
			.containsEntry("prompt", "consent")
			.containsEntry("include_granted_scopes", "true")
			.containsEntry("code_challenge_method", "S256")
			.containsKey("state")
			.containsEntry("redirect_uri", ana.base() + "/settings/calendar/callback");

		WebClient.Response settings = allowOnConsentPage(ana, consent, "ana.souza@example.com");

		assertThat(settings.body()).contains("Connected ana.souza@example.com.", "ana.souza@example.com",
				"Ana — Client meetings", "(primary)", "connected");
		assertThat(settings.body()).doesNotContain("Holidays"); // read-only calendars are not offered
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
		long integration = addEmulatorIntegration(ana);
		allowOnConsentPage(ana, startConnect(ana, integration), "ana.souza@example.com");
		allowOnConsentPage(ana, startConnect(ana, integration), "ana.souza@example.com");

		assertThat(jdbc.queryForObject("select count(*) from calendar_connections where user_id = "
				+ "(select max(id) from users)", Long.class)).isEqualTo(1);
	}

	@Test
	void denyingAccessStoresNothingAndSaysSo() {
		long integration = addEmulatorIntegration(ana);

		WebClient.Response page = decideOnConsentPage(ana, startConnect(ana, integration), "ana.souza@example.com",
				"deny");

		assertThat(page.body()).contains("You did not allow CalBridge to use your calendar");
		assertThat(connectionsOfNewestUser()).isZero();
	}

	@Test
	void aTamperedStateIsRefused() {
		long integration = addEmulatorIntegration(ana);
		URI callback = consentRedirect(ana, startConnect(ana, integration), "ana.souza@example.com", "allow");
		String tampered = callback.toString().replaceAll("state=[^&]+", "state=forged-state-value");

		WebClient.Response page = landOn(ana, ana.get(path(tampered)));

		assertThat(page.body()).contains("does not belong to a connection you started");
		assertThat(connectionsOfNewestUser()).isZero();
	}

	@Test
	void anAnswerMeantForAnotherUsersSessionIsRefused() {
		long integration = addEmulatorIntegration(ana);
		URI anasCallback = consentRedirect(ana, startConnect(ana, integration), "ana.souza@example.com", "allow");
		WebClient ben = WebClient.signedUp(port, "Ben Keller");

		WebClient.Response page = landOn(ben, ben.get(path(anasCallback.toString())));

		assertThat(page.body()).contains("does not belong to a connection you started");
		assertThat(jdbc.queryForObject("select count(*) from calendar_connections", Long.class))
			.as("nobody got Ana's calendar")
			.isEqualTo(jdbc.queryForObject("select count(*) from calendar_connections c join users u on u.id = c.user_id "
					+ "where u.display_name <> 'Ben Keller'", Long.class));
	}

	@Test
	void aReplayedCallbackIsRefusedTheSecondTime() {
		long integration = addEmulatorIntegration(ana);
		URI callback = consentRedirect(ana, startConnect(ana, integration), "ana.souza@example.com", "allow");
		landOn(ana, ana.get(path(callback.toString())));
		long before = connectionsOfNewestUser();

		WebClient.Response replay = landOn(ana, ana.get(path(callback.toString())));

		assertThat(before).isEqualTo(1);
		assertThat(replay.body()).contains("does not belong to a connection you started");
		assertThat(connectionsOfNewestUser()).isEqualTo(1);
	}

	@Test
	void anotherUsersIntegrationCannotBeUsedToConnect() {
		long anasIntegration = addEmulatorIntegration(ana);
		WebClient ben = WebClient.signedUp(port, "Ben Keller");

		WebClient.Response attempt = ben.postForm("/settings/calendar/connect/" + anasIntegration,
				ben.get("/settings/calendar").csrf(), Map.of());

		assertThat(attempt.header("Location")).endsWith("/settings/calendar");
		assertThat(landOn(ben, attempt).body()).contains("does not exist or is inactive");
	}

	@Test
	void disconnectRevokesTheGrantAndForgetsTheTokens() {
		long integration = addEmulatorIntegration(ana);
		allowOnConsentPage(ana, startConnect(ana, integration), "ana.souza@example.com");
		long connection = jdbc.queryForObject("select id from calendar_connections where user_id = "
				+ "(select max(id) from users)", Long.class);
		String accessToken = tokens.accessToken(connection);

		WebClient.Response page = landOn(ana, ana.postForm("/settings/calendar/disconnect/" + connection,
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
		long integration = addEmulatorIntegration(ana);
		allowOnConsentPage(ana, startConnect(ana, integration), "ana.souza@example.com");
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

	// --- the steps a person takes ---

	static long addEmulatorIntegration(WebClient person) {
		WebClient.Response added = person.postForm("/settings/integrations/emulator",
				person.get("/settings/integrations").csrf(), Map.of());
		assertThat(added.header("Location")).endsWith("/settings/calendar");
		String page = person.follow(added).body();
		Matcher id = Pattern.compile("/settings/calendar/connect/(\\d+)").matcher(page);
		assertThat(id.find()).as("a Connect button on %s", page).isTrue();
		return Long.parseLong(id.group(1));
	}

	static WebClient.Response startConnect(WebClient person, long integration) {
		WebClient.Response redirect = person.postForm("/settings/calendar/connect/" + integration,
				person.get("/settings/calendar").csrf(), Map.of());
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).contains("/emulator/google/o/oauth2/v2/auth?");
		return redirect;
	}

	static WebClient.Response allowOnConsentPage(WebClient person, WebClient.Response toConsent, String account) {
		return decideOnConsentPage(person, toConsent, account, "allow");
	}

	static WebClient.Response decideOnConsentPage(WebClient person, WebClient.Response toConsent, String account,
			String decision) {
		URI callback = consentRedirect(person, toConsent, account, decision);
		return landOn(person, person.get(path(callback.toString())));
	}

	/** Opens the consent page, picks the account and decides; returns where the emulator sends the browser. */
	static URI consentRedirect(WebClient person, WebClient.Response toConsent, String account, String decision) {
		WebClient.Response page = person.follow(toConsent);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("request", field(page.body(), "request"));
		fields.put("account", account);
		fields.put("decision", decision);
		Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(page.body());
		assertThat(action.find()).isTrue();
		WebClient.Response answer = person.postForm(action.group(1), page.csrf(), fields);
		assertThat(answer.status()).as(answer.body()).isEqualTo(302);
		return URI.create(answer.header("Location"));
	}

	/** Follows the app's redirects until a page is shown. */
	static WebClient.Response landOn(WebClient person, WebClient.Response response) {
		WebClient.Response current = response;
		for (int hops = 0; current.status() == 302 && hops < 5; hops++) {
			current = person.follow(current);
		}
		assertThat(current.status()).as(current.body()).isEqualTo(200);
		return current;
	}

	private long connectionsOfNewestUser() {
		return jdbc.queryForObject("select count(*) from calendar_connections where user_id = (select max(id) from users)",
				Long.class);
	}

	private String emulatorClientSecret(String clientId) {
		return new EmulatorAccess(port).clientSecret(clientId);
	}

	private static String path(String url) {
		return URI.create(url).getRawPath() + (URI.create(url).getRawQuery() == null ? "" : "?" + URI.create(url).getRawQuery());
	}

	private static Map<String, String> query(String url) {
		Map<String, String> params = new LinkedHashMap<>();
		UriComponentsBuilder.fromUriString(url).build().getQueryParams().forEach((k, v) -> params.put(k,
				java.net.URLDecoder.decode(v.get(0), java.nio.charset.StandardCharsets.UTF_8)));
		return params;
	}

	private static String field(String html, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
		if (!m.find()) {
			m = Pattern.compile("value=\"([^\"]*)\"[^>]*name=\"" + name + "\"").matcher(html);
			assertThat(m.find()).as("field " + name).isTrue();
		}
		return m.group(1);
	}

}
