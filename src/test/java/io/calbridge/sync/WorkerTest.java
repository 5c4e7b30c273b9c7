package io.calbridge.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The one loop the sync workers run: plain threads, no Spring, an idle wait long enough that only a wake-up ends it. */
class WorkerTest {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration PROMPTLY = Duration.ofSeconds(5);

	private final Semaphore passes = new Semaphore(0);

	private final List<RuntimeException> reported = new CopyOnWriteArrayList<>();

	private Worker worker;

	@AfterEach
	void stopWorker() throws InterruptedException {
		if (worker != null) {
			worker.stop();
		}
	}

	@Test
	void aWakeUpRunsTheNextPassAtOnceInsteadOfAfterTheIdleWait() throws InterruptedException {
		worker = worker("wake-up-spec", Worker.Stop.AFTER_PASS, () -> {
			passes.release();
			return 0;
		});
		worker.start();
		assertThat(passes.tryAcquire(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the first pass at start").isTrue();
		assertThat(passes.tryAcquire(200, TimeUnit.MILLISECONDS)).as("nothing due: it waits").isFalse();

		worker.wakeUp();

		assertThat(passes.tryAcquire(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the pass after the wake-up").isTrue();
	}

	@Test
	void wakeUpsDuringAPassMakeOneMorePass() throws InterruptedException {
		CountDownLatch inFirstPass = new CountDownLatch(1);
		CountDownLatch finishFirstPass = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		worker = worker("wake-ups-spec", Worker.Stop.AFTER_PASS, () -> {
			if (runs.incrementAndGet() == 1) {
				inFirstPass.countDown();
				finishFirstPass.await();
			}
			passes.release();
			return 0;
		});
		worker.start();
		assertThat(inFirstPass.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
		worker.wakeUp();
		worker.wakeUp();
		worker.wakeUp();
		finishFirstPass.countDown();

		assertThat(passes.tryAcquire(2, PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("the pass and one more").isTrue();
		assertThat(passes.tryAcquire(200, TimeUnit.MILLISECONDS)).as("not one per wake-up").isFalse();
		assertThat(runs).hasValue(2);
	}

	@Test
	void aPassThatFoundWorkIsFollowedAtOnceByAnother() throws InterruptedException {
		AtomicInteger due = new AtomicInteger(3);
		worker = worker("busy-spec", Worker.Stop.AFTER_PASS, () -> {
			passes.release();
			return Math.max(0, due.getAndDecrement());
		});
		worker.start();

		assertThat(passes.tryAcquire(4, PROMPTLY.toSeconds(), TimeUnit.SECONDS))
			.as("three passes with work, then the one that finds none").isTrue();
		assertThat(passes.tryAcquire(200, TimeUnit.MILLISECONDS)).as("then it waits").isFalse();
	}

	@Test
	void aPassThatThrowsIsReportedAndTheLoopGoesOn() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		worker = worker("failing-spec", Worker.Stop.AFTER_PASS, () -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("database went away");
			}
			passes.release();
			return 0;
		});
		worker.start();

		assertThat(passes.tryAcquire(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).as("a pass after the failure").isTrue();
		assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("database went away");
	}

	@Test
	void stopEndsTheThreadWhileItWaits() throws InterruptedException {
		worker = worker("stop-spec", Worker.Stop.AFTER_PASS, () -> {
			passes.release();
			return 0;
		});
		worker.start();
		assertThat(passes.tryAcquire(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(threadNamed("stop-spec")).as("running under its name").isTrue();

		assertTimeoutPreemptively(PROMPTLY, worker::stop);

		assertThat(threadNamed("stop-spec")).as("its thread after stop").isFalse();
	}

	@Test
	void stopAfterPassLetsThePassUnderWayFinish() throws InterruptedException {
		CountDownLatch inPass = new CountDownLatch(1);
		CountDownLatch finishPass = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		worker = worker("finish-spec", Worker.Stop.AFTER_PASS, () -> {
			inPass.countDown();
			finishPass.await();
			finished.set(true);
			return 0;
		});
		worker.start();
		assertThat(inPass.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Thread stopping = new Thread(() -> {
			try {
				worker.stop();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		stopping.start();
		stopping.join(200);
		assertThat(stopping.isAlive()).as("stop waits for the pass").isTrue();

		finishPass.countDown();
		stopping.join(PROMPTLY.toMillis());

		assertThat(stopping.isAlive()).isFalse();
		assertThat(finished).as("the pass was not interrupted").isTrue();
		assertThat(threadNamed("finish-spec")).isFalse();
	}

	@Test
	void stopInterruptingCutsThePassUnderWayShort() throws InterruptedException {
		CountDownLatch inPass = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		worker = worker("interrupt-spec", Worker.Stop.INTERRUPT, () -> {
			inPass.countDown();
			try {
				new CountDownLatch(1).await(); // a pass that would never end by itself
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				throw ex;
			}
			return 0;
		});
		worker.start();
		assertThat(inPass.await(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isTrue();

		assertTimeoutPreemptively(PROMPTLY, worker::stop);

		assertThat(interrupted).isTrue();
		assertThat(threadNamed("interrupt-spec")).isFalse();
	}

	private Worker worker(String name, Worker.Stop stopping, Worker.Pass pass) {
		return new Worker(name, HOUR, Duration.ofMillis(10), stopping, pass, reported::add);
	}

	private static boolean threadNamed(String name) {
		return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
	}

}
