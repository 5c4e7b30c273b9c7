package io.calbridge.connections;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.calbridge.google.GoogleEndpoints;

/**
 * Registers an OAuth client with the built-in emulator through its admin API, as a person would in Google
 * Cloud Console, so a newcomer can connect without a Google Cloud project.
 */
@Component
class EmulatorClients {

	private final GoogleEndpoints endpoints;

	private final RestClient http;

	EmulatorClients(GoogleEndpoints endpoints) {
		this.endpoints = endpoints;
		this.http = RestClient.create();
	}

	record Credentials(String clientId, String clientSecret) {

		@Override
		public String toString() {
			return "Credentials[clientId=" + clientId + "]";
		}

	}

	Credentials register() {
		try {
			Map<?, ?> answer = http.post()
				.uri(endpoints.emulatorAdminUrl() + "clients")
				.body(Map.of("redirectUris", List.of(endpoints.redirectUri())))
				.retrieve()
				.body(Map.class);
			if (answer == null || answer.get("client_id") == null || answer.get("client_secret") == null) {
				throw new IllegalStateException("The emulator answered without client credentials");
			}
			return new Credentials(answer.get("client_id").toString(), answer.get("client_secret").toString());
		}
		catch (RestClientException ex) {
			throw new IllegalStateException("The built-in emulator did not answer: " + ex.getMessage(), ex);
		}
	}

}
