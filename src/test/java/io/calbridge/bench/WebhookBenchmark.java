package io.calbridge.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import io.calbridge.CalBridgeTest;
import io.calbridge.EmulatorAccess;
import io.calbridge.Eventually;

/**
 * The push webhook under load: genuine change notifications for one watched calendar (valid channel id, token
 * and resource id, increasing message numbers, as Google sends them) at a fixed target rate for 20 s, from an
 * in-JVM client (a scheduler ticking at the rate hands each request to a thread pool). Latency is counted from
 * the moment a request was due, not when a free thread sent it, so a stalled server cannot hide its queue
 * (coordinated omission). The inbound worker runs meanwhile, as it would in production.
 */
@Tag("bench")
@CalBridgeTest
@DirtiesContext
class WebhookBenchmark {

	/** Target rates, one table row each: one the app should keep up with, one beyond what this machine serves. */
	static final List<Integer> RATES = Arrays.stream(System.getProperty("bench.webhook.rates", "100,400")
		.split(",")).map(String::trim).map(Integer::valueOf).toList();

	static final int SECONDS = Integer.getInteger("bench.webhook.seconds", 20);

	static final int WARMUP_SECONDS = 3;

	static final int SENDERS = 64;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	record Run(double p50Ms, double p99Ms, double maxMs, double achievedPerSecond, long sent, long non2xx,
			long failures, long listCalls) {
	}

	@Test
	void acknowledgementLatencyAndThroughputAtTheTargetRate() throws Exception {
		WatchedCalendar ben = WatchedCalendar.connect(port, jdbc, "Ben Keller", "ben.keller@example.com");
		EmulatorAccess emulator = new EmulatorAccess(port);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newFixedThreadPool(4)).build();
		AtomicLong number = new AtomicLong(ben.lastMessageNumber() + 1);
		load(http, ben, number, RATES.get(0), WARMUP_SECONDS); // JIT and connection pools warm, not counted
		Map<Integer, List<Run>> byRate = new LinkedHashMap<>();
		for (int rate : RATES) {
			List<Run> runs = new ArrayList<>();
			for (int run = 0; run < BenchReport.RUNS; run++) {
				Eventually.steady("quiet between runs", Duration.ofSeconds(2), Duration.ofSeconds(60), ben::settled);
				emulator.clearRequests();
				Run measured = load(http, ben, number, rate, SECONDS);
				Eventually.steady("the last notifications read", Duration.ofSeconds(2), Duration.ofSeconds(60),
						ben::settled);
				runs.add(new Run(measured.p50Ms(), measured.p99Ms(), measured.maxMs(), measured.achievedPerSecond(),
						measured.sent(), measured.non2xx(), measured.failures(),
						WatchedCalendar.listCalls(emulator, ben.account)));
			}
			byRate.put(rate, runs);
		}
		report(byRate);
	}

	private Run load(HttpClient http, WatchedCalendar calendar, AtomicLong number, int rate, int seconds)
			throws InterruptedException {
		long total = (long) rate * seconds;
		long periodNanos = 1_000_000_000L / rate;
		ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
		AtomicLong non2xx = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		AtomicLong issued = new AtomicLong();
		AtomicLong lastAnswer = new AtomicLong();
		CountDownLatch answered = new CountDownLatch((int) total);
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		long start = System.nanoTime();
		ticker.scheduleAtFixedRate(() -> {
			long i = issued.getAndIncrement();
			if (i >= total) {
				return;
			}
			long due = start + i * periodNanos;
			senders.execute(() -> {
				try {
					HttpResponse<Void> answer = http.send(calendar.notification(number.getAndIncrement()),
							HttpResponse.BodyHandlers.discarding());
					if (answer.statusCode() / 100 != 2) {
						non2xx.incrementAndGet();
					}
				}
				catch (Exception ex) {
					failures.incrementAndGet();
				}
				long now = System.nanoTime();
				latencies.add((now - due) / 1e6);
				lastAnswer.accumulateAndGet(now, Math::max);
				answered.countDown();
			});
		}, 0, periodNanos, TimeUnit.NANOSECONDS);
		answered.await(seconds * 3L + 30, TimeUnit.SECONDS);
		ticker.shutdownNow();
		senders.shutdown();
		senders.awaitTermination(30, TimeUnit.SECONDS);
		double[] samples = latencies.stream().mapToDouble(Double::doubleValue).toArray();
		double elapsed = (lastAnswer.get() - start) / 1e9;
		return new Run(BenchReport.percentile(samples, 50), BenchReport.percentile(samples, 99),
				BenchReport.percentile(samples, 100), samples.length / elapsed, samples.length, non2xx.get(),
				failures.get(), 0);
	}

	private void report(Map<Integer, List<Run>> byRate) throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("## 3. Webhook: acknowledgement under load, ").append(SECONDS).append(" s per target rate\n\n")
			.append("Genuine `exists` notifications for one watched calendar (valid channel id, token and resource id, ")
			.append("increasing message numbers), sent by an in-JVM client: a scheduler ticking at the target rate, ")
			.append(SENDERS).append(" sender threads, `java.net.http` over HTTP/1.1 to the app on the same machine. ")
			.append("Latency from the moment each request was due to its answer (queueing in the client counts). ")
			.append("After a ").append(WARMUP_SECONDS).append(" s warm-up; ").append(BenchReport.RUNS)
			.append(" runs, median (min–max).\n\n")
			.append("| target rate | sent | achieved (/s) | ack p50 (ms) | ack p99 (ms) | max (ms) | non-2xx | I/O failures | events.list calls caused |\n")
			.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		byRate.forEach((rate, runs) -> md.append("| ").append(rate).append("/s | ").append(BenchReport.spread(runs, Run::sent, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::achievedPerSecond, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::p50Ms, "%.1f"))
			.append(" | ").append(BenchReport.spread(runs, Run::p99Ms, "%.1f"))
			.append(" | ").append(BenchReport.spread(runs, Run::maxMs, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::non2xx, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::failures, "%.0f"))
			.append(" | ").append(BenchReport.spread(runs, Run::listCalls, "%.0f")).append(" |\n"));
		md.append("\nEach accepted notification costs one UPDATE; the reads it asks for coalesce (the last column: ")
			.append("Google calls for the whole run). The app is not tuned (Tomcat and Hikari defaults).\n");
		BenchReport.write("webhook", md.toString());
	}

}
