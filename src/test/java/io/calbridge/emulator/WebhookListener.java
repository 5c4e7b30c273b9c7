package io.calbridge.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A receiver for push notifications on a free port, like CalBridge's webhook endpoint. */
final class WebhookListener implements AutoCloseable {

	/** One notification as received: its headers (first value each) and body length. */
	record Notification(Map<String, String> headers, int bodyLength, String method) {

		String header(String name) {
			return headers.get(name.toLowerCase());
		}

	}

	private final HttpServer server;

	final List<Notification> received = new CopyOnWriteArrayList<>();

	/** Statuses to answer, in order, before answering 200 (to test Google's retries). */
	final List<Integer> answers = new CopyOnWriteArrayList<>();

	final AtomicInteger attempts = new AtomicInteger();

	/** How long the receiver takes to answer (a slow webhook). */
	volatile long delayMs;

	WebhookListener() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/google/webhook", exchange -> {
			attempts.incrementAndGet();
			try {
				Thread.sleep(delayMs);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			int body = exchange.getRequestBody().readAllBytes().length;
			int status = answers.isEmpty() ? 200 : answers.remove(0);
			if (status == 200) {
				Map<String, String> headers = new java.util.HashMap<>();
				exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
				received.add(new Notification(headers, body, exchange.getRequestMethod()));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	String address() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/google/webhook";
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
