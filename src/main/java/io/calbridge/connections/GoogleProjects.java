package io.calbridge.connections;

import org.springframework.stereotype.Component;

/**
 * Which Google Cloud project a connection's calls count against: its integration's OAuth client, since Google keeps
 * its per-project quota per client and its per-user quota per user of that client.
 */
@Component
public class GoogleProjects {

	private final GoogleIntegrationRepository integrations;

	GoogleProjects(GoogleIntegrationRepository integrations) {
		this.integrations = integrations;
	}

	/**
	 * The OAuth client id of the connection's integration. An integration that is gone still names a project of its
	 * own, so its remaining calls are paced rather than refused.
	 */
	public String of(CalendarConnection connection) {
		return integrations.findById(connection.getIntegrationId())
			.map(GoogleIntegration::getClientId)
			.orElse("integration-" + connection.getIntegrationId());
	}

}
