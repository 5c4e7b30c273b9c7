package io.calbridge.emulator.api;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Every Calendar API call the emulator answered (batch parts one by one), so tests can assert how often the
 * sync engine called Google and with what outcome.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class RequestLog {

	static final int KEEP = 2000;

	/** One answered call; {@code account} is empty when the call carried no valid token. */
	public record Entry(Instant at, String method, String path, String endpoint, String account, int status,
			boolean inBatch, boolean gzipped) {
	}

	private final Deque<Entry> entries = new ArrayDeque<>();

	private final Map<String, Long> byEndpoint = new TreeMap<>();

	private final Map<String, Long> byMethod = new TreeMap<>();

	private final Map<String, Long> byAccount = new TreeMap<>();

	private final Map<String, Long> byStatus = new TreeMap<>();

	private long inBatch;

	/** OAuth endpoints log here too ({@code oauth2.token}, {@code oauth2.revoke}), so tests can count refreshes. */
	public void recordOAuth(String path, String endpoint, String account, int status) {
		record(new Entry(Instant.now(), "POST", path, endpoint, account, status, false, false));
	}

	synchronized void record(Entry entry) {
		entries.addLast(entry);
		if (entries.size() > KEEP) {
			entries.removeFirst();
		}
		byEndpoint.merge(entry.endpoint(), 1L, Long::sum);
		byMethod.merge(entry.method(), 1L, Long::sum);
		byAccount.merge(entry.account().isEmpty() ? "(none)" : entry.account(), 1L, Long::sum);
		byStatus.merge(String.valueOf(entry.status()), 1L, Long::sum);
		if (entry.inBatch()) {
			inBatch++;
		}
	}

	public synchronized void clear() {
		entries.clear();
		byEndpoint.clear();
		byMethod.clear();
		byAccount.clear();
		byStatus.clear();
		inBatch = 0;
	}

	public synchronized Map<String, Object> snapshot() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("total", byMethod.values().stream().mapToLong(Long::longValue).sum());
		out.put("byEndpoint", new LinkedHashMap<>(byEndpoint));
		out.put("byMethod", new LinkedHashMap<>(byMethod));
		out.put("byAccount", new LinkedHashMap<>(byAccount));
		out.put("byStatus", new LinkedHashMap<>(byStatus));
		out.put("inBatch", inBatch);
		List<Map<String, Object>> list = new ArrayList<>();
		for (Entry e : entries) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("at", e.at().toString());
			m.put("method", e.method());
			m.put("path", e.path());
			m.put("endpoint", e.endpoint());
			m.put("account", e.account());
			m.put("status", e.status());
			m.put("inBatch", e.inBatch());
			m.put("gzipped", e.gzipped());
			list.add(m);
		}
		out.put("requests", list);
		return out;
	}

}
