package io.calbridge.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The sync engine hammers Google from several workers at once; no change may get lost between syncs. */
@CalBridgeTest
class ConcurrentUseTest {

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	Calendar calendar;

	String visits;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		calendar = emulator.calendarOf(BEN);
		visits = emulator.secondaryCalendar(BEN);
	}

	@Test
	void writersAndAPagingSyncRunningTogetherLoseNoChange() throws Exception {
		String token = calendar.events().list(visits).execute().getNextSyncToken();
		ExecutorService workers = Executors.newFixedThreadPool(4);
		List<Future<List<String>>> writers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			int worker = w;
			writers.add(workers.submit(() -> {
				List<String> ids = new ArrayList<>();
				for (int i = 0; i < 15; i++) {
					Event e = calendar.events().insert(visits, new Event().setSummary("Visit " + worker + "-" + i)
						.setStart(new EventDateTime().setDateTime(new DateTime("2026-12-21T08:00:00+01:00")))
						.setEnd(new EventDateTime().setDateTime(new DateTime("2026-12-21T09:00:00+01:00")))).execute();
					if (i % 5 == 0) {
						calendar.events().patch(visits, e.getId(), new Event().setDescription("rescheduled")).execute();
					}
					ids.add(e.getId());
				}
				return ids;
			}));
		}
		Set<String> seen = new HashSet<>();
		for (int round = 0; round < 6; round++) {
			token = drain(token, seen);
		}
		Set<String> written = new HashSet<>();
		for (Future<List<String>> f : writers) {
			written.addAll(f.get(60, TimeUnit.SECONDS));
		}
		workers.shutdown();
		drain(token, seen);

		assertThat(written).hasSize(60);
		assertThat(seen).isEqualTo(written);
	}

	private String drain(String syncToken, Set<String> seen) throws IOException {
		String pageToken = null;
		Events page;
		do {
			page = calendar.events().list(visits).setSyncToken(syncToken).setMaxResults(7).setPageToken(pageToken).execute();
			page.getItems().forEach(e -> seen.add(e.getId()));
			pageToken = page.getNextPageToken();
		}
		while (pageToken != null);
		return page.getNextSyncToken();
	}

}
