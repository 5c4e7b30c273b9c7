package io.calbridge.google;

import java.io.IOException;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;

import org.springframework.stereotype.Component;

/**
 * Google's own Calendar client, pointed at the configured root (Google, or the emulator), with an access token,
 * timeouts, and failures turned into a {@link GoogleOutcome}.
 */
@Component
public class CalendarClients {

	private static final NetHttpTransport TRANSPORT = new NetHttpTransport();

	private final GoogleEndpoints endpoints;

	private final GoogleProperties properties;

	CalendarClients(GoogleEndpoints endpoints, GoogleProperties properties) {
		this.endpoints = endpoints;
		this.properties = properties;
	}

	public Calendar calendar(String accessToken) {
		HttpRequestInitializer auth = request -> {
			request.getHeaders().setAuthorization("Bearer " + accessToken);
			request.setConnectTimeout((int) properties.connectTimeout().toMillis());
			request.setReadTimeout((int) properties.readTimeout().toMillis());
			// The sync code decides about retries (backoff, attempts); the client must not retry on its own.
			request.setNumberOfRetries(0);
		};
		return new Calendar.Builder(TRANSPORT, GsonFactory.getDefaultInstance(), auth)
			.setRootUrl(endpoints.calendarRootUrl())
			.setApplicationName("CalBridge")
			.build();
	}

	/** One Google call, as written with the client: {@code () -> calendar.events().get(id, eventId).execute()}. */
	@FunctionalInterface
	public interface GoogleCall<T> {

		T execute() throws IOException;

	}

	/** Runs one call; a failure comes back as a {@link GoogleFailure} carrying its outcome. */
	public static <T> T call(GoogleCall<T> request) {
		try {
			return request.execute();
		}
		catch (IOException ex) {
			throw new GoogleFailure(GoogleOutcome.of(ex), ex);
		}
	}


}
