package io.calbridge.connections;

import java.time.Instant;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A user's own Google Cloud OAuth client (or one registered with the built-in emulator). */
@Entity
@Table(name = "google_integrations")
class GoogleIntegration {

	public enum Status {

		ACTIVE, INACTIVE

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long userId;

	private String name;

	private String clientId;

	@Convert(converter = EncryptedString.class)
	private String clientSecret;

	@Enumerated(EnumType.STRING)
	private Status status;

	private boolean usesEmulator;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected GoogleIntegration() {
	}

	GoogleIntegration(long userId, String name, String clientId, String clientSecret, boolean usesEmulator,
			Instant now) {
		this.userId = userId;
		this.name = name;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.status = Status.ACTIVE;
		this.usesEmulator = usesEmulator;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** A blank secret keeps the stored one: it is never shown again, so the form cannot send it back. */
	void update(String name, String clientId, String newSecret, Status status, Instant now) {
		this.name = name;
		this.clientId = clientId;
		if (newSecret != null && !newSecret.isBlank()) {
			this.clientSecret = newSecret.strip();
		}
		this.status = status;
		this.updatedAt = now;
	}

	/** The last four characters, enough to tell secrets apart, never enough to use one. */
	public String secretHint() {
		return clientSecret.length() <= 4 ? "••••" : "••••" + clientSecret.substring(clientSecret.length() - 4);
	}

	public boolean isActive() {
		return status == Status.ACTIVE;
	}

	public Long getId() {
		return id;
	}

	public long getUserId() {
		return userId;
	}

	public String getName() {
		return name;
	}

	public String getClientId() {
		return clientId;
	}

	String getClientSecret() {
		return clientSecret;
	}

	public Status getStatus() {
		return status;
	}

	public boolean isUsesEmulator() {
		return usesEmulator;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public long getVersion() {
		return version;
	}

}
