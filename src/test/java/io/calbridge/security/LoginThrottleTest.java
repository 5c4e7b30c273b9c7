package io.calbridge.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeTest;
import io.calbridge.MovableClock;
import io.calbridge.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 4: wrong passwords were unlimited (60 wrong form logins and 60 wrong HTTP Basic calls, then a successful
 * login at once). Now the 11th attempt for one account from one address within a minute answers 429 with
 * {@code Retry-After}, even with the right password, until the window has passed on the app's clock. An attempt is
 * counted before its password is checked, so a burst of parallel guesses gets no more than the limit checked, and
 * given back when it logs in.
 */
@CalBridgeTest
@TestPropertySource(properties = { "calbridge.login-throttle.per-account=10", "calbridge.login-throttle.per-address=30",
		"calbridge.login-throttle.window=1m" })
class LoginThrottleTest {

	private static final String PASSWORD = "correct horse battery";

	private static final Duration WINDOW = Duration.ofMinutes(1);

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void everyTestStartsWithFullBuckets() {
		clock.advance(WINDOW.plusSeconds(1));
	}

	@Test
	void theEleventhFormLoginIsRefusedEvenWithTheRightPasswordUntilTheMinuteHasPassed() {
		String email = signUp("Ana Souza");
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(formLogin(new WebClient(port), email, "wrong password " + attempt).header("Location"))
				.as("wrong password " + attempt).endsWith("/login?error");
		}

		WebClient browser = new WebClient(port);
		WebClient.Response refused = formLogin(browser, email, PASSWORD);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(refused.body()).contains("Too many wrong passwords", "try again in");
		assertThat(browser.get("/tasks").status()).as("not logged in").isEqualTo(302);
		assertThat(basic("GET", "/api/tasks", email, PASSWORD).statusCode()).as("nor by the API door").isEqualTo(429);

		clock.advance(Duration.ofSeconds(30));
		assertThat(formLogin(new WebClient(port), email, PASSWORD).status()).as("half a minute later").isEqualTo(429);

		clock.advance(Duration.ofSeconds(31));
		WebClient.Response afterTheWait = formLogin(browser, email, PASSWORD);
		assertThat(afterTheWait.header("Location")).as("back to the page asked for before").contains("/tasks");
		assertThat(browser.get("/tasks").status()).isEqualTo(200);
	}

	@Test
	void theEleventhHttpBasicCallIsRefusedAndChangesNothingUntilTheMinuteHasPassed() {
		String email = signUp("Ben Keller");
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(basic("GET", "/api/tasks", email, "wrong password " + attempt).statusCode()).isEqualTo(401);
		}

		HttpResponse<String> refused = basic("POST", "/api/tasks", email, PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("\"status\":429", "Too many wrong passwords");
		assertThat(tasksOf(email)).as("nothing created").isZero();

		clock.advance(WINDOW.plusSeconds(1));
		assertThat(basic("POST", "/api/tasks", email, PASSWORD).statusCode()).isEqualTo(201);
		assertThat(tasksOf(email)).isEqualTo(1);
	}

	@Test
	void oneLockedAccountLeavesOthersFromTheSameAddressUntilTheAddressLimitIsReached() {
		String locked = signUp("Carla Mendes");
		String colleague = signUp("Dana Ito");
		clock.advance(WINDOW.plusSeconds(1));
		for (int attempt = 1; attempt <= 10; attempt++) {
			formLogin(new WebClient(port), locked, "wrong password " + attempt);
		}
		assertThat(formLogin(new WebClient(port), locked, PASSWORD).status()).isEqualTo(429);
		assertThat(formLogin(new WebClient(port), colleague, PASSWORD).header("Location"))
			.as("a colleague behind the same address").endsWith("/tasks");

		// 30 wrong passwords from one address, spread over accounts so no account reaches its own limit of 10.
		for (int attempt = 11; attempt <= 30; attempt++) {
			formLogin(new WebClient(port), "guess" + (attempt % 4) + "@example.com", "wrong password " + attempt);
		}
		assertThat(formLogin(new WebClient(port), colleague, PASSWORD).status()).as("the address limit").isEqualTo(429);

		clock.advance(WINDOW.plusSeconds(1));
		assertThat(formLogin(new WebClient(port), colleague, PASSWORD).header("Location")).endsWith("/tasks");
	}

	@Test
	void theEleventhSignUpForOneEmailFromOneAddressIsRefusedAndCreatesNoAccount() {
		String email = WebClient.uniqueEmail("emil.novak");
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(signUp("Emil Novak", email, "password12").status()).as("a weak password").isEqualTo(422);
		}

		WebClient.Response refused = signUp("Emil Novak", email, PASSWORD);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(refused.body()).contains("Too many attempts from here: try again in");
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).isZero();

		clock.advance(WINDOW.plusSeconds(1));
		assertThat(signUp("Emil Novak", email, PASSWORD).status()).isEqualTo(302);
		assertThat(jdbc.queryForObject("select count(*) from users where email = ?", Long.class, email)).isOne();
	}

	@Test
	void aBurstOfParallelWrongPasswordsHasNoMorePasswordsCheckedThanTheLimit() throws Exception {
		String email = signUp("Farid Haddad");
		List<WebClient> browsers = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int attempt = 0; attempt < 30; attempt++) {
			WebClient browser = new WebClient(port);
			browsers.add(browser);
			tokens.add(browser.get("/login").csrf());
		}

		List<Integer> answers = all(30, attempt -> {
			WebClient.Response answer = browsers.get(attempt).postForm("/login", tokens.get(attempt),
					Map.of("username", email, "password", "wrong password " + attempt));
			return answer.status() == 429 ? 429 : String.valueOf(answer.header("Location")).endsWith("/login?error") ? 401 : answer.status();
		});

		assertThat(answers).as("each a wrong password or a refusal").containsOnly(401, 429);
		assertThat(answers.stream().filter(status -> status == 401).count()).as("passwords actually checked")
			.isLessThanOrEqualTo(10);
		assertThat(formLogin(new WebClient(port), email, PASSWORD).status()).as("the right one").isEqualTo(429);
		clock.advance(WINDOW.plusSeconds(1));
		assertThat(formLogin(new WebClient(port), email, PASSWORD).header("Location")).endsWith("/tasks");
	}

	@Test
	void aBurstOfParallelWrongHttpBasicCallsHasNoMorePasswordsCheckedThanTheLimit() throws Exception {
		String email = signUp("Greta Lind");

		List<Integer> answers = all(30, attempt -> basic("GET", "/api/tasks", email, "wrong " + attempt).statusCode());

		assertThat(answers).containsOnly(401, 429);
		assertThat(answers.stream().filter(status -> status == 401).count()).isLessThanOrEqualTo(10);
		assertThat(basic("GET", "/api/tasks", email, PASSWORD).statusCode()).isEqualTo(429);
		clock.advance(WINDOW.plusSeconds(1));
		assertThat(basic("GET", "/api/tasks", email, PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void loggingInWithTheRightPasswordDoesNotBringTheAccountNearerItsLimit() {
		String email = signUp("Hana Kim");
		for (int attempt = 1; attempt <= 9; attempt++) {
			formLogin(new WebClient(port), email, "wrong password " + attempt);
		}
		for (int login = 1; login <= 3; login++) {
			assertThat(formLogin(new WebClient(port), email, PASSWORD).header("Location")).as("login " + login)
				.endsWith("/tasks");
			assertThat(basic("GET", "/api/tasks", email, PASSWORD).statusCode()).as("API call " + login)
				.isEqualTo(200);
		}

		assertThat(formLogin(new WebClient(port), email, "wrong password 10").header("Location"))
			.as("the tenth wrong password is still checked").endsWith("/login?error");
		assertThat(formLogin(new WebClient(port), email, PASSWORD).status()).isEqualTo(429);
	}

	@Test
	void anApiClientsParallelCallsWithTheRightPasswordAreNotCountedAgainstIt() throws Exception {
		String email = signUp("Ines Duarte");

		for (int round = 1; round <= 3; round++) {
			List<Integer> answers = all(10, call -> basic("GET", "/api/tasks", email, PASSWORD).statusCode());
			assertThat(answers).as("round %d of as many calls at once as the limit", round).containsOnly(200);
		}
		assertThat(basic("GET", "/api/tasks", email, "wrong password").statusCode())
			.as("after 30 good calls, a wrong password is still only the first").isEqualTo(401);
	}

	// --- helpers ---

	/** Runs every attempt at once, from threads released together, and answers their results in order. */
	private static <T> List<T> all(int count, IntFunction<T> attempt) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> running = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				running.add(threads.submit(() -> {
					start.await();
					return attempt.apply(index);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> result : running) {
				results.add(result.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private String signUp(String name) {
		String email = WebClient.uniqueEmail(name.toLowerCase().replace(' ', '.'));
		assertThat(signUp(name, email, PASSWORD).status()).isEqualTo(302);
		return email;
	}

	private WebClient.Response signUp(String name, String email, String password) {
		WebClient browser = new WebClient(port);
		return browser.postForm("/signup", browser.get("/signup").csrf(),
				Map.of("displayName", name, "email", email, "password", password));
	}

	private static WebClient.Response formLogin(WebClient browser, String email, String password) {
		return browser.postForm("/login", browser.get("/login").csrf(), Map.of("username", email, "password", password));
	}

	private long tasksOf(String email) {
		return jdbc.queryForObject("select count(*) from crm_tasks t join users u on u.id = t.user_id where u.email = ?",
				Long.class, email);
	}

	private HttpResponse<String> basic(String method, String path, String email, String password) {
		String body = "POST".equals(method) ? "{\"title\":\"Call Ana about the renewal\",\"startAt\":"
				+ "\"2026-12-01T10:00:00+01:00\",\"timeZone\":\"Europe/Berlin\"}" : "";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
