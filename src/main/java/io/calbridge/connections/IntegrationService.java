package io.calbridge.connections;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

@Service
class IntegrationService {

	private static final Logger log = LoggerFactory.getLogger(IntegrationService.class);

	private final GoogleIntegrationRepository integrations;

	private final CalendarConnectionRepository connections;

	private final Clock clock;

	IntegrationService(GoogleIntegrationRepository integrations, CalendarConnectionRepository connections,
			Clock clock) {
		this.integrations = integrations;
		this.connections = connections;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<GoogleIntegration> list(long userId) {
		return integrations.findByUserIdOrderByName(userId);
	}

	@Transactional(readOnly = true)
	GoogleIntegration get(long userId, long id) {
		return integrations.findOwned(userId, id).orElseThrow(IntegrationNotFoundException::new);
	}

	@Transactional
	GoogleIntegration create(long userId, String name, String clientId, String clientSecret, boolean usesEmulator) {
		if (integrations.existsByUserIdAndNameIgnoreCase(userId, name.strip())) {
			throw new NameTakenException();
		}
		GoogleIntegration saved = integrations.save(new GoogleIntegration(userId, name.strip(), clientId.strip(),
				clientSecret.strip(), usesEmulator, clock.instant()));
		log.info("Integration {} added by user {}", saved.getId(), userId);
		return saved;
	}

	@Transactional
	void update(long userId, long id, IntegrationForm form) {
		GoogleIntegration integration = get(userId, id);
		boolean renamed = !integration.getName().equalsIgnoreCase(form.getName().strip());
		if (renamed && integrations.existsByUserIdAndNameIgnoreCase(userId, form.getName().strip())) {
			throw new NameTakenException();
		}
		integration.update(form.getName().strip(), form.getClientId().strip(), form.getClientSecret(),
				form.getStatus(), clock.instant());
	}

	/**
	 * An integration a connection refers to cannot go: a live one holds tokens issued to that client, and a
	 * disconnected one keeps its history (the schema restricts the deletion either way).
	 */
	@Transactional
	void delete(long userId, long id) {
		GoogleIntegration integration = get(userId, id);
		if (connections.existsByIntegrationIdAndStateNot(id, CalendarConnection.State.DISCONNECTED)) {
			throw new InUseException("A calendar connection uses this integration: disconnect it first");
		}
		if (connections.existsByIntegrationId(id)) {
			throw new InUseException("A disconnected calendar connection still refers to this integration: set it "
					+ "inactive instead");
		}
		integrations.delete(integration);
		log.info("Integration {} deleted by user {}", id, userId);
	}

	@ResponseStatus(HttpStatus.NOT_FOUND)
	static class IntegrationNotFoundException extends RuntimeException {

		IntegrationNotFoundException() {
			super("Integration not found");
		}

	}

	static class NameTakenException extends RuntimeException {

		NameTakenException() {
			super("You already have an integration with this name");
		}

	}

	static class InUseException extends RuntimeException {

		InUseException(String message) {
			super(message);
		}

	}

}
