package io.calbridge.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.calbridge.CalBridgeTest;
import io.calbridge.ConsentFlow;
import io.calbridge.WebClient;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionService;
import io.calbridge.connections.GoogleProjects;
import io.calbridge.google.GoogleFailure;
import io.calbridge.sync.AccountPacer.Spender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer keeps each Google account under its per-user quota and each Google project under its per-project quota,
 * across instances, by making callers wait for room. Each pacer here is one instance's (its own object on the one
 * database), with small limits: 10 a minute per account (a burst of 5, then one every 12 s) and 20 per project (a
 * burst of 10, then one every 6 s). Their clock stands still until a spec moves it, so "held" means held for good.
 */
@CalBridgeTest
class AccountPacerTest {

	static final int PER_USER = 10;

	static final int PER_PROJECT = 20;

	/** A call with room returns in milliseconds; one still waiting after this is held. */
	static final Duration HELD = Duration.ofMillis(700);

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	GoogleProjects projects;

	@Autowired
	ConnectionService connections;

	@Autowired
	JdbcTemplate jdbc;

	final StillClock clock = new StillClock();

	/** A project of its own for each spec, so no spec sees another's buckets. */
	final String project = "client-" + UUID.randomUUID() + ".apps.googleusercontent.com";

	final List<Thread> callers = new ArrayList<>();

	@AfterEach
	void stopWaitingCallers() {
		callers.forEach(Thread::interrupt);
	}

	@Test
	void twoInstancesTogetherNeverSendMoreThanTheAccountsLimitInAnyMinute() throws Exception {
		AccountPacer first = instance();
		AccountPacer second = instance();
		Spender ana = new Spender(project, "ana.souza@example.com");
		AtomicInteger byFirst = new AtomicInteger();
		AtomicInteger bySecond = new AtomicInteger();
		for (int i = 0; i < 2; i++) {
			keepCalling(first, ana, byFirst);
			keepCalling(second, ana, bySecond);
		}

		// The clock moves 6 s at a time for 2.4 minutes; between moves the callers take what there is room for.
		List<Integer> sentByStep = new ArrayList<>();
		for (int step = 0; step <= 24; step++) {
			Thread.sleep(HELD.toMillis());
			sentByStep.add(byFirst.get() + bySecond.get());
			clock.advance(Duration.ofSeconds(6));
		}

		int busiestMinute = 0;
		for (int end = 0; end < sentByStep.size(); end++) {
			int start = Math.max(0, end - 9); // ten steps of 6 s: one minute
			int before = start == 0 ? 0 : sentByStep.get(start - 1);
			busiestMinute = Math.max(busiestMinute, sentByStep.get(end) - before);
		}
		assertThat(busiestMinute).as("calls in the busiest minute, both instances together").isLessThanOrEqualTo(PER_USER);
		assertThat(sentByStep.get(sentByStep.size() - 1)).as("calls in 2.4 minutes: 5 at once, then one every 12 s")
			.isBetween(15, 17);
		assertThat(byFirst.get()).as("calls through the first instance").isPositive();
		assertThat(bySecond.get()).as("calls through the second instance").isPositive();
	}

	@Test
	void theProjectsLimitHoldsAcrossItsAccountsAndInstances() throws Exception {
		AccountPacer first = instance();
		AccountPacer second = instance();
		first.acquire(new Spender(project, "ana.souza@example.com"), 5);
		second.acquire(new Spender(project, "ben.keller@example.com"), 5);

		CompletableFuture<Outcome> carla = call(first, new Spender(project, "carla.mendes@example.com"));
		assertThat(held(carla)).as("an account with room of its own, in a project with none").isTrue();
		assertThat(held(call(second, new Spender("another-" + project, "carla.mendes@example.com"))))
			.as("the same account through another project").isFalse();

		clock.advance(Duration.ofSeconds(6));
		assertThat(held(carla)).as("once the project has room again").isFalse();
	}

	@Test
	void aBatchOfNCallsTakesNFromTheQuota() throws Exception {
		AccountPacer pacer = instance();
		Spender ana = new Spender(project, "ana.souza@example.com");

		pacer.acquire(ana, 4);

		assertThat(held(call(pacer, ana))).as("the fifth call").isFalse();
		assertThat(held(call(pacer, ana))).as("the sixth call in the minute").isTrue();
	}

	@Test
	void aBatchLargerThanTheBurstWaitsForItsRoomInsteadOfForever() throws Exception {
		AccountPacer pacer = instance();
		CompletableFuture<Outcome> batch = call(pacer, new Spender(project, "ana.souza@example.com"), 8);
		assertThat(held(batch)).as("8 calls, 5 of them at once").isTrue();

		clock.advance(Duration.ofSeconds(36));

		assertThat(held(batch)).as("three refills later").isFalse();
	}

	@Test
	void aConnectionSpendsItsAccountsQuotaInItsIntegrationsProject() throws Exception {
		long id = ConsentFlow.connect(WebClient.signedUp(port, "Dora Lind"), "ana.souza@example.com", jdbc);
		CalendarConnection connection = connections.find(id).orElseThrow();
		String clientId = jdbc.queryForObject("select i.client_id from google_integrations i "
				+ "join calendar_connections c on c.integration_id = i.id where c.id = ?", String.class, id);
		AccountPacer pacer = instance();

		pacer.acquire(new Spender(clientId, "Ana.Souza@Example.com"), 5);

		assertThat(held(callOne(pacer, connection))).as("the sixth call of the account in that project").isTrue();
	}

	@Test
	void aShutdownWhileWaitingEndsTheCallAsInterruptedAndKeepsTheThreadsFlag() throws Exception {
		long id = ConsentFlow.connect(WebClient.signedUp(port, "Emil Berg"), "ben.keller@example.com", jdbc);
		CalendarConnection connection = connections.find(id).orElseThrow();
		AccountPacer pacer = instance();
		pacer.acquire(connection, 5);
		CompletableFuture<Outcome> waiting = callOne(pacer, connection);
		assertThat(held(waiting)).isTrue();

		callers.get(0).interrupt();

		Outcome outcome = waiting.get(5, TimeUnit.SECONDS);
		assertThat(outcome.failure()).isInstanceOf(GoogleFailure.Interrupted.class);
		assertThat(outcome.interruptFlagKept()).isTrue();
	}

	/** One more instance's pacer on the app's database. */
	private AccountPacer instance() {
		SyncProperties properties = new SyncProperties(PER_USER, 8, Duration.ofSeconds(2), Duration.ofHours(1),
				Duration.ofSeconds(5), 500, Duration.ofMinutes(2), 4, Duration.ofDays(30), true, PER_PROJECT);
		return new AccountPacer(dataSource, clock, properties, projects);
	}

	record Outcome(Exception failure, boolean interruptFlagKept) {
	}

	private void keepCalling(AccountPacer pacer, Spender spender, AtomicInteger sent) {
		started(() -> {
			try {
				while (true) {
					pacer.acquire(spender, 1);
					sent.incrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				// the spec is over
			}
		});
	}

	private CompletableFuture<Outcome> call(AccountPacer pacer, Spender spender) {
		return call(pacer, spender, 1);
	}

	/** Calls' room asked for on a thread of its own, as a worker asks. */
	private CompletableFuture<Outcome> call(AccountPacer pacer, Spender spender, int calls) {
		CompletableFuture<Outcome> outcome = new CompletableFuture<>();
		started(() -> {
			try {
				pacer.acquire(spender, calls);
				outcome.complete(new Outcome(null, false));
			}
			catch (InterruptedException ex) {
				outcome.complete(new Outcome(ex, Thread.currentThread().isInterrupted()));
			}
		});
		return outcome;
	}

	private CompletableFuture<Outcome> callOne(AccountPacer pacer, CalendarConnection connection) {
		CompletableFuture<Outcome> outcome = new CompletableFuture<>();
		started(() -> {
			try {
				pacer.acquireOne(connection);
				outcome.complete(new Outcome(null, false));
			}
			catch (RuntimeException ex) {
				outcome.complete(new Outcome(ex, Thread.currentThread().isInterrupted()));
			}
		});
		return outcome;
	}

	private void started(Runnable work) {
		Thread caller = new Thread(work);
		caller.setDaemon(true);
		callers.add(caller);
		caller.start();
	}

	private static boolean held(CompletableFuture<Outcome> call) throws Exception {
		try {
			assertThat(call.get(HELD.toMillis(), TimeUnit.MILLISECONDS).failure()).isNull();
			return false;
		}
		catch (TimeoutException ex) {
			return true;
		}
	}

	/** A clock that moves only when told, so a spec decides when the quota refills. */
	static final class StillClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T09:00:00Z"));

		void advance(Duration by) {
			now.updateAndGet(current -> current.plus(by));
		}

		@Override
		public Instant instant() {
			return now.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
