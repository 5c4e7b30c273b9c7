package io.calbridge.sync;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One background loop on its own thread: a pass, again at once while passes find work, then a wait of
 * {@code idle} that {@link #wakeUp} cuts short (a saved task must not wait for the next sweep). A pass that throws
 * is handed to its owner to report and, after {@code backOff}, the loop goes on: one bad pass must not end syncing
 * until a restart. The loop reads no clock; it only waits.
 */
final class Worker {

	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	/** One pass over what is due; answers how much it took (0: nothing due, so the loop waits). */
	@FunctionalInterface
	interface Pass {

		int run() throws InterruptedException;

	}

	/** What {@link #stop} does with a pass under way. */
	enum Stop {

		/** Lets it finish (for up to 10 seconds), so what it sent to Google is recorded. */
		AFTER_PASS,

		/** Interrupts it: what it claimed is taken again when its lease runs out. */
		INTERRUPT

	}

	private final String name;

	private final Duration idle;

	private final Duration backOff;

	private final Stop stopping;

	private final Pass pass;

	private final Consumer<RuntimeException> failed;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private Thread thread;

	/**
	 * @param name     the thread's name, as logs show it
	 * @param idle     the wait after a pass that found nothing
	 * @param backOff  the wait after a pass that threw (wake-ups do not cut it short)
	 * @param stopping what stop does with a pass under way
	 * @param pass     the work
	 * @param failed   reports a pass that threw (the owner's log line says what is retried)
	 */
	Worker(String name, Duration idle, Duration backOff, Stop stopping, Pass pass, Consumer<RuntimeException> failed) {
		this.name = name;
		this.idle = idle;
		this.backOff = backOff;
		this.stopping = stopping;
		this.pass = pass;
		this.failed = failed;
	}

	void start() {
		running = true;
		thread = new Thread(this::loop, name);
		thread.setDaemon(true);
		thread.start();
	}

	/** The next pass starts now, or right after the one under way; wake-ups while one runs count as one. */
	void wakeUp() {
		wakeUps.release();
	}

	/** Ends the loop and waits (up to 10 seconds) for its thread to end. A worker never started just stays so. */
	void stop() throws InterruptedException {
		running = false;
		wakeUps.release();
		if (thread != null) {
			if (stopping == Stop.INTERRUPT) {
				thread.interrupt();
			}
			thread.join(STOP_WAIT.toMillis());
		}
	}

	private void loop() {
		while (running) {
			try {
				while (running && pass.run() > 0) {
					// keep going while there is due work
				}
				wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
				wakeUps.drainPermits();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				failed.accept(ex);
				try {
					Thread.sleep(backOff.toMillis());
				}
				catch (InterruptedException stop) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
