package io.calbridge.connections;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.jasypt.encryption.StringEncryptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@CalBridgeTest
class IntegrationPagesTest {

	static final String SECRET = "GOCSPX-r4nd0mS3cr3tV4lu3-xQ9z";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("jasyptStringEncryptor")
	StringEncryptor encryptor;

	WebClient ana;

	@BeforeEach
	void signUp() {
		ana = WebClient.signedUp(port, "Ana Souza");
	}

	long addOwn(String name) {
		WebClient.Response saved = ana.postForm("/settings/integrations/new", ana.get("/settings/integrations/new").csrf(),
				Map.of("name", name, "clientId", "123456789-abc.apps.googleusercontent.com", "clientSecret", SECRET,
						"status", "ACTIVE"));
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		return jdbc.queryForObject("select max(id) from google_integrations", Long.class);
	}

	@Test
	void theSecretIsStoredEncryptedAndNeverShownAgainButItsLastFourCharacters() {
		long id = addOwn("Acme Google project");

		String list = ana.get("/settings/integrations").body();
		String edit = ana.get("/settings/integrations/" + id + "/edit").body();

		assertThat(list).contains("Acme Google project", "123456789-abc.apps.googleusercontent.com", "••••xQ9z")
			.doesNotContain(SECRET);
		assertThat(edit).contains("••••xQ9z").doesNotContain(SECRET);
		assertThat(jdbc.queryForObject("select client_secret from google_integrations where id = ?", String.class, id))
			.isNotEqualTo(SECRET)
			.doesNotContain("xQ9z");
	}

	@Test
	void thePageShowsTheAddressesToRegisterInGoogleCloudConsole() {
		String page = ana.get("/settings/integrations").body();

		assertThat(page).contains("http://localhost:" + port + "/settings/calendar/callback",
				"http://localhost:" + port + "/webhooks/google-calendar", "Use the built-in Google emulator");
	}

	@Test
	void editingWithAnEmptySecretKeepsTheStoredOne() {
		long id = addOwn("Acme Google project");

		WebClient.Response saved = ana.postForm("/settings/integrations/" + id + "/edit",
				ana.get("/settings/integrations/" + id + "/edit").csrf(), Map.of("name", "Acme (production)",
						"clientId", "123456789-abc.apps.googleusercontent.com", "clientSecret", "", "status", "INACTIVE"));

		assertThat(saved.status()).isEqualTo(302);
		Map<String, Object> row = jdbc.queryForMap("select * from google_integrations where id = ?", id);
		assertThat(row).containsEntry("name", "Acme (production)").containsEntry("status", "INACTIVE");
		assertThat(encryptor.decrypt((String) row.get("client_secret"))).isEqualTo(SECRET);
	}

	@Test
	void theFormExplainsMissingFields() {
		WebClient.Response page = ana.postForm("/settings/integrations/new", ana.get("/settings/integrations/new").csrf(),
				Map.of("name", "", "clientId", "has spaces in it", "clientSecret", "", "status", "ACTIVE"));

		assertThat(page.status()).as("the form, again, with its errors").isEqualTo(422);
		assertThat(page.body()).contains("Give the integration a name", "A client ID has no spaces",
				"Paste the client secret");
	}

	@Test
	void deletingRemovesTheIntegration() {
		long id = addOwn("Old test project");

		ana.postForm("/settings/integrations/" + id + "/delete", ana.get("/settings/integrations").csrf(), Map.of());

		assertThat(jdbc.queryForObject("select count(*) from google_integrations where id = ?", Long.class, id)).isZero();
	}

	@Test
	void anIntegrationInUseByAConnectionCannotBeDeleted() {
		long id = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, id), "ben.keller@example.com");

		WebClient.Response refused = ana.postForm("/settings/integrations/" + id + "/delete",
				ana.get("/settings/integrations").csrf(), Map.of());

		assertThat(ana.follow(refused).body()).contains("A calendar connection uses this integration");
		assertThat(jdbc.queryForObject("select count(*) from google_integrations where id = ?", Long.class, id))
			.isEqualTo(1);
	}

	@Test
	void anIntegrationADisconnectedConnectionRefersToIsRefusedWithAMessageNotAnError() {
		long id = ConsentFlow.addEmulatorIntegration(ana);
		ConsentFlow.allowOnConsentPage(ana, ConsentFlow.startConnect(ana, id), "ben.keller@example.com");
		long connection = jdbc.queryForObject("select id from calendar_connections where integration_id = ?",
				Long.class, id);
		assertThat(ana.postForm("/settings/calendar/disconnect/" + connection, ana.get("/settings/calendar").csrf(),
				Map.of("events", "keep")).status()).isEqualTo(302);

		WebClient.Response refused = ana.postForm("/settings/integrations/" + id + "/delete",
				ana.get("/settings/integrations").csrf(), Map.of());

		assertThat(refused.status()).isEqualTo(302);
		assertThat(ana.follow(refused).body()).contains("A disconnected calendar connection still refers to this integration");
		assertThat(jdbc.queryForObject("select count(*) from google_integrations where id = ?", Long.class, id))
			.isEqualTo(1);
	}

	@Test
	void anotherUsersIntegrationIsNotFound() {
		long id = addOwn("Acme Google project");
		WebClient ben = WebClient.signedUp(port, "Ben Keller");
		String csrf = ben.get("/settings/integrations").csrf();

		assertThat(ben.get("/settings/integrations/" + id + "/edit").status()).isEqualTo(404);
		assertThat(ben.postForm("/settings/integrations/" + id + "/delete", csrf, Map.of()).status()).isEqualTo(404);
		assertThat(ben.postForm("/settings/integrations/" + id + "/edit", csrf, Map.of("name", "Mine now", "clientId",
				"x", "clientSecret", "stolen", "status", "ACTIVE")).status()).isEqualTo(404);
		assertThat(jdbc.queryForObject("select name from google_integrations where id = ?", String.class, id))
			.isEqualTo("Acme Google project");
	}

	@Test
	void theMarketplacePageDescribesTheIntegrationToAnyone() {
		String page = new WebClient(port).get("/marketplace/google-calendar").body();

		assertThat(page).contains("Google Calendar for your CRM tasks", "Set it up in five steps", "Requirements");
	}

}
