package io.calbridge.google;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** The Google account behind a token: who it is, which calendars it has, and revoking its grant. */
@Component
public class GoogleAccountApi {

	private static final Logger log = LoggerFactory.getLogger(GoogleAccountApi.class);

	private final GoogleEndpoints endpoints;

	private final CalendarClients clients;

	private final RestClient http;

	GoogleAccountApi(GoogleEndpoints endpoints, CalendarClients clients, GoogleProperties properties) {
		this.endpoints = endpoints;
		this.clients = clients;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
		requests.setReadTimeout(properties.readTimeout());
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/** A calendar of the account, as the settings page offers it. */
	public record CalendarSummary(String id, String summary, boolean primary, boolean writable, String timeZone) {
	}

	/** The account's email, from the userinfo endpoint. */
	public String email(String accessToken) {
		Map<?, ?> info = http.get()
			.uri(endpoints.userInfoUri())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
			.retrieve()
			.body(Map.class);
		Object email = info == null ? null : info.get("email");
		if (email == null) {
			throw new IllegalStateException("Google did not say which account this is (no email in userinfo)");
		}
		return email.toString();
	}

	/** Every calendar in the account's list, paging to the end. */
	public List<CalendarSummary> calendars(String accessToken) {
		return calendars(clients.calendar(accessToken));
	}

	/** Every calendar in the list of the account behind {@code calendar}, paging to the end. */
	public List<CalendarSummary> calendars(Calendar calendar) {
		List<CalendarSummary> all = new ArrayList<>();
		String pageToken = null;
		do {
			String current = pageToken;
			CalendarList page = clients.call(() -> calendar.calendarList().list().setPageToken(current).execute());
			if (page.getItems() != null) {
				for (CalendarListEntry entry : page.getItems()) {
					String role = entry.getAccessRole();
					all.add(new CalendarSummary(entry.getId(), entry.getSummary(),
							Boolean.TRUE.equals(entry.getPrimary()), "owner".equals(role) || "writer".equals(role),
							entry.getTimeZone()));
				}
			}
			pageToken = page.getNextPageToken();
		}
		while (pageToken != null);
		return all;
	}

	/**
	 * Revokes the whole grant (revoking either token revokes both). A token Google no longer knows (400) means the
	 * grant is already gone, which is what we want; only a failure to reach Google is reported.
	 */
	public boolean revoke(String token) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("token", token);
		try {
			http.post()
				.uri(endpoints.revokeUri())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.toBodilessEntity();
			return true;
		}
		catch (RestClientResponseException ex) {
			log.info("Revoke answered {}: the grant was already gone", ex.getStatusCode().value());
			return true;
		}
		catch (RestClientException ex) {
			log.warn("Could not reach Google to revoke a grant: {}", ex.getClass().getSimpleName());
			return false;
		}
	}

}
