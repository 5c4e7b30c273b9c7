package io.calbridge.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an orchestrator, a load balancer and a Prometheus scraper see under {@code /actuator}, over real HTTP: health
 * and metrics without a login, details and everything else only for an admin.
 */
@CalBridgeTest
class OperationsTest {

	private static final String PASSWORD = "operations on call 24/7";

	private static final Pattern PENDING_GAUGE = Pattern
		.compile("(?m)^calbridge_tasks_backlog\\{[^}]*state=\"pending\"[^}]*} ([0-9.eE+-]+)$");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** Admins made here, made ordinary again after each test: the first account stays the installation's only one. */
	private final java.util.List<String> promoted = new java.util.ArrayList<>();

	@AfterEach
	void demoteTheAdminsMadeHere() {
		promoted.forEach(email -> jdbc.update("update users set role = 'USER' where email = ?", email));
	}

	@Test
	void healthIsOpenAndShowsEachComponentsStatusButNoDetails() {
		Answer health = get("/actuator/health", null);

		assertThat(health.status()).isEqualTo(200);
		JsonNode json = health.json();
		assertThat(json.get("status").asString()).isEqualTo("UP");
		assertThat(json.get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(json.get("components").get("taskBacklog").get("status").asString()).isEqualTo("UP");
		assertThat(json.get("components").get("google").get("status").asString()).isEqualTo("UP");
		assertThat(health.body()).doesNotContain("details", "pending", "calendarApi", "PostgreSQL");
	}

	@Test
	void anAdminSeesTheBacklogCountsAndWhetherGoogleAnswers() {
		String admin = admin("Olga Petrova");
		WebClient.signedUp(port, "Ana Souza").api("POST", "/api/tasks", Map.of("title", "Call Ana about the renewal",
				"startAt", "2026-12-01T10:00:00+01:00", "timeZone", "Europe/Berlin"));

		JsonNode components = get("/actuator/health", admin).json().get("components");

		JsonNode backlog = components.get("taskBacklog").get("details");
		assertThat(backlog.get("pending").asLong()).isPositive();
		assertThat(backlog.has("failed")).isTrue();
		assertThat(backlog.has("conflict")).isTrue();
		assertThat(backlog.get("oldestPendingChangeAt").asString()).isNotBlank();
		JsonNode google = components.get("google").get("details");
		assertThat(google.get("reachable").asBoolean()).as("the built-in emulator answers").isTrue();
		assertThat(google.get("calendarApi").asString()).endsWith("/emulator/google/");
		assertThat(components.get("db").get("details").get("database").asString()).isEqualTo("PostgreSQL");
	}

	@Test
	void livenessAndReadinessProbesAreOpen() {
		assertThat(get("/actuator/health/liveness", null).json().get("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusReportsThePendingTasksTheDatabaseHolds() {
		WebClient ben = WebClient.signedUp(port, "Ben Keller");
		for (String title : new String[] { "Site visit in Munich", "Send the offer to Keller GmbH" }) {
			assertThat(ben.api("POST", "/api/tasks", Map.of("title", title, "startAt", "2026-12-02T09:00:00+01:00",
					"timeZone", "Europe/Berlin")).status()).isEqualTo(201);
		}

		// The sync worker may settle other people's tasks meanwhile: compare at a moment the count stood still.
		boolean compared = false;
		for (int attempt = 0; attempt < 20 && !compared; attempt++) {
			long before = pendingInDatabase();
			double gauge = pendingGauge();
			if (pendingInDatabase() == before) {
				assertThat(gauge).isEqualTo(before);
				assertThat(before).as("Ben's two tasks wait for a calendar he has not connected").isGreaterThanOrEqualTo(2);
				compared = true;
			}
		}
		assertThat(compared).as("the pending count stood still once in 20 tries").isTrue();
		assertThat(get("/actuator/prometheus", null).body()).contains("calbridge_tasks_backlog{", "state=\"failed\"",
				"state=\"conflict\"", "jvm_memory_used_bytes");
	}

	private long pendingInDatabase() {
		return jdbc.queryForObject("select count(*) from crm_tasks where sync_state = 'PENDING'", Long.class);
	}

	@Test
	void everyOtherActuatorEndpointNeedsAnAdmin() {
		String person = basic(WebClient.uniqueEmail("carla.mendes"), PASSWORD);
		signUp("Carla Mendes", person);
		String admin = admin("Olga Petrova");

		assertThat(get("/actuator/info", null).status()).isEqualTo(401);
		assertThat(get("/actuator/info", person).status()).isEqualTo(403);
		assertThat(get("/actuator/info", admin).status()).isEqualTo(200);
		assertThat(get("/actuator/env", admin).status()).as("not exposed at all").isEqualTo(404);
		assertThat(get("/actuator/health", person).body()).as("details are for admins")
			.doesNotContain("\"details\"");
	}

	@Test
	void aProbeCreatesNoSession() {
		assertThat(get("/actuator/health", null).header("Set-Cookie")).isNull();
		assertThat(get("/actuator/prometheus", null).header("Set-Cookie")).isNull();
	}

	// --- helpers ---

	private double pendingGauge() {
		Matcher gauge = PENDING_GAUGE.matcher(get("/actuator/prometheus", null).body());
		assertThat(gauge.find()).as("the pending backlog gauge is exported").isTrue();
		return Double.parseDouble(gauge.group(1));
	}

	/** A fresh account made admin the way an installation's first account is: its role in the database. */
	private String admin(String name) {
		String email = WebClient.uniqueEmail(name.toLowerCase().replace(' ', '.'));
		String credentials = basic(email, PASSWORD);
		signUp(name, credentials);
		String role = jdbc.queryForObject("select role from users where email = ?", String.class, email);
		if (!"ADMIN".equals(role)) { // the installation's very first account already is
			jdbc.update("update users set role = 'ADMIN' where email = ?", email);
			promoted.add(email);
		}
		return credentials;
	}

	private void signUp(String name, String basic) {
		String[] emailAndPassword = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
			.split(":", 2);
		WebClient browser = new WebClient(port);
		WebClient.Response done = browser.postForm("/signup", browser.get("/signup").csrf(),
				Map.of("displayName", name, "email", emailAndPassword[0], "password", emailAndPassword[1]));
		assertThat(done.status()).isEqualTo(302);
	}

	private static String basic(String email, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private Answer get(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Set-Cookie")
				.orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Answer(int status, String body, String setCookie) {

		JsonNode json() {
			return JsonMapper.builder().build().readTree(body);
		}

		String header(String name) {
			return "Set-Cookie".equals(name) ? setCookie : null;
		}

	}

}
