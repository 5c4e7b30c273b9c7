package io.calbridge.connections;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One user's link to one Google account: its tokens (encrypted) and how its calendar is synced. */
@Entity
@Table(name = "calendar_connections")
public class CalendarConnection {

	public enum State {

		ACTIVE, NEEDS_REAUTH, DISCONNECTED

	}

	/** What happens to a task when its event is deleted in Google. */
	public enum DeletionRule {

		CANCEL_TASK("Cancel the task"), UNLINK("Keep the task, unlink it"), DELETE_TASK("Delete the task");

		private final String label;

		DeletionRule(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long userId;

	private long integrationId;

	private String googleAccountEmail;

	@Convert(converter = EncryptedString.class)
	private String accessToken;

	@Convert(converter = EncryptedString.class)
	private String refreshToken;

	private Instant tokenIssuedAt;

	private Instant tokenExpiresAt;

	private String grantedScopes;

	private String defaultCalendarId;

	private boolean autoSync = true;

	private boolean importExternalEvents;

	@Enumerated(EnumType.STRING)
	private DeletionRule deletionRule = DeletionRule.CANCEL_TASK;

	@JdbcTypeCode(SqlTypes.JSON)
	private Map<String, String> taskTypeColors = new HashMap<>();

	@Enumerated(EnumType.STRING)
	private State state = State.ACTIVE;

	private String lastError;

	private Instant connectedAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected CalendarConnection() {
	}

	CalendarConnection(long userId, String googleAccountEmail) {
		this.userId = userId;
		this.googleAccountEmail = googleAccountEmail;
	}

	/**
	 * A (re)connection: fresh tokens and an ACTIVE state. Google sends a refresh token only on consent; when an
	 * answer has none, the one we hold stays.
	 */
	void connected(long integrationId, Tokens tokens, String defaultCalendarId, Instant now) {
		this.integrationId = integrationId;
		this.accessToken = tokens.accessToken();
		if (tokens.refreshToken() != null) {
			this.refreshToken = tokens.refreshToken();
		}
		this.tokenIssuedAt = tokens.issuedAt();
		this.tokenExpiresAt = tokens.expiresAt();
		this.grantedScopes = tokens.scopes();
		if (this.defaultCalendarId == null) {
			this.defaultCalendarId = defaultCalendarId;
		}
		this.state = State.ACTIVE;
		this.lastError = null;
		this.connectedAt = now;
		this.updatedAt = now;
	}

	void refreshed(Tokens tokens, Instant now) {
		connected(integrationId, tokens, defaultCalendarId, connectedAt == null ? now : connectedAt);
		this.updatedAt = now;
	}

	void tokenRejected() {
		this.tokenExpiresAt = tokenIssuedAt == null ? Instant.EPOCH : tokenIssuedAt;
	}

	/** The grant is dead: pause everything for this connection and ask the user to reconnect. */
	void needsReauth(String reason, Instant now) {
		this.state = State.NEEDS_REAUTH;
		this.lastError = reason;
		this.accessToken = null;
		this.updatedAt = now;
	}

	/** Disconnected: the secrets go; the row stays so tasks keep knowing where their events were. */
	void disconnected(Instant now) {
		this.state = State.DISCONNECTED;
		this.accessToken = null;
		this.refreshToken = null;
		this.tokenIssuedAt = null;
		this.tokenExpiresAt = null;
		this.updatedAt = now;
	}

	void updateSettings(String defaultCalendarId, boolean autoSync, boolean importExternalEvents,
			DeletionRule deletionRule, Instant now) {
		this.defaultCalendarId = defaultCalendarId;
		this.autoSync = autoSync;
		this.importExternalEvents = importExternalEvents;
		this.deletionRule = deletionRule;
		this.updatedAt = now;
	}

	void updateColors(Map<String, String> colors, Instant now) {
		this.taskTypeColors = new HashMap<>(colors);
		this.updatedAt = now;
	}

	/**
	 * Whether the access token should be replaced before use at {@code now}: it is refreshed 5 minutes before it
	 * expires, or halfway through its life when it lives less than 10 minutes (as the emulator's test tokens do).
	 */
	boolean tokenDueForRefresh(Instant now) {
		if (accessToken == null || tokenExpiresAt == null) {
			return true;
		}
		java.time.Duration life = tokenIssuedAt == null ? java.time.Duration.ZERO
				: java.time.Duration.between(tokenIssuedAt, tokenExpiresAt);
		java.time.Duration margin = life.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? life.dividedBy(2) : REFRESH_MARGIN;
		return !now.isBefore(tokenExpiresAt.minus(margin));
	}

	static final java.time.Duration REFRESH_MARGIN = java.time.Duration.ofMinutes(5);

	public Long getId() {
		return id;
	}

	public long getUserId() {
		return userId;
	}

	public long getIntegrationId() {
		return integrationId;
	}

	public String getGoogleAccountEmail() {
		return googleAccountEmail;
	}

	String getAccessToken() {
		return accessToken;
	}

	String getRefreshToken() {
		return refreshToken;
	}

	public Instant getTokenExpiresAt() {
		return tokenExpiresAt;
	}

	public String getDefaultCalendarId() {
		return defaultCalendarId;
	}

	public boolean isAutoSync() {
		return autoSync;
	}

	public boolean isImportExternalEvents() {
		return importExternalEvents;
	}

	public DeletionRule getDeletionRule() {
		return deletionRule;
	}

	public Map<String, String> getTaskTypeColors() {
		return Map.copyOf(taskTypeColors);
	}

	public State getState() {
		return state;
	}

	public String getLastError() {
		return lastError;
	}

	public long getVersion() {
		return version;
	}

	/** What a token answer carries. */
	record Tokens(String accessToken, String refreshToken, Instant issuedAt, Instant expiresAt, String scopes) {

		@Override
		public String toString() {
			return "Tokens[expiresAt=" + expiresAt + "]"; // never the tokens themselves
		}

	}

}
