package io.calbridge.emulator;

import java.io.IOException;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.calendar.Calendar;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.ANA;
import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Google's second limit: requests per minute per project (per OAuth client), over every user of that client, beside
 * the limit per user of a project. Seen through Google's own Java client.
 */
@CalBridgeTest
class ProjectQuotaTest {

	static final String OTHER_PROJECT = "other-project.apps.googleusercontent.com";

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	@BeforeEach
	void reset() {
		emulator = new EmulatorClient(port);
		emulator.reset();
	}

	@AfterEach
	void quotaOff() {
		emulator.reset();
	}

	@Test
	void theProjectsQuotaRefusesEveryUserOfTheClientOnceItsMinuteIsFullCountingBatchParts() throws IOException {
		emulator.admin("POST", "quota", "{\"projectRequestsPerMinute\":5,\"status\":403}");
		Calendar ana = emulator.calendarOf(ANA);
		Calendar ben = emulator.calendarOf(BEN);
		BatchRequest batch = ana.batch();
		BatchTest.Outcomes outcomes = new BatchTest.Outcomes();
		for (int i = 0; i < 3; i++) {
			ana.calendarList().list().queue(batch, outcomes.at(i));
		}
		batch.execute();
		ben.events().list("primary").execute();
		ben.events().list("primary").execute();

		assertRateLimited(() -> ben.events().list("primary").execute(), 403);
		assertRateLimited(() -> ana.events().list("primary").execute(), 403);
		assertThat(calendarOf(ANA, OTHER_PROJECT).events().list("primary").execute().getItems())
			.as("the same account through another project's client").isNotNull();
	}

	@Test
	void theProjectsQuotaCanAnswer429() throws IOException {
		emulator.admin("POST", "quota", "{\"projectRequestsPerMinute\":1,\"status\":429}");
		emulator.calendarOf(ANA).events().list("primary").execute();

		assertRateLimited(() -> emulator.calendarOf(BEN).events().list("primary").execute(), 429);
	}

	@Test
	void theUsersQuotaIsPerUserOfAProject() throws IOException {
		emulator.admin("POST", "quota", "{\"requestsPerMinute\":2,\"status\":403}");
		Calendar ana = emulator.calendarOf(ANA);
		ana.events().list("primary").execute();
		ana.events().list("primary").execute();

		assertRateLimited(() -> ana.events().list("primary").execute(), 403);
		assertThat(calendarOf(ANA, OTHER_PROJECT).events().list("primary").execute().getItems())
			.as("the same account through another project's client").isNotNull();
		assertThat(emulator.calendarOf(BEN).events().list("primary").execute().getItems())
			.as("another user of the same project").isNotNull();
	}

	@Test
	void theAdminApiShowsBothLimitsAndLeavesTheProjectsOffUnlessGiven() {
		assertThat(emulator.admin("POST", "quota", "{\"requestsPerMinute\":600,\"projectRequestsPerMinute\":10000}")
			.getAsJsonObject()
			.get("projectRequestsPerMinute")
			.getAsInt()).isEqualTo(10000);
		assertThat(emulator.admin("POST", "quota", "{\"requestsPerMinute\":600}")
			.getAsJsonObject()
			.get("projectRequestsPerMinute")
			.getAsInt()).isZero();
	}

	private Calendar calendarOf(String account, String clientId) {
		return emulator.calendar(emulator.admin("POST", "tokens",
				"{\"email\":\"" + account + "\",\"clientId\":\"" + clientId + "\"}")
			.getAsJsonObject()
			.get("access_token")
			.getAsString());
	}

	private static void assertRateLimited(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
		assertThatThrownBy(call).isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
			assertThat(e.getStatusCode()).isEqualTo(status);
			assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
			assertThat(e.getDetails().getErrors().get(0).getDomain()).isEqualTo("usageLimits");
		});
	}

}
