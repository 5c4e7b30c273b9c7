package io.calbridge.emulator.oauth;

/** Google's OAuth error answer: {@code {"error":"invalid_grant","error_description":"Bad Request"}}. */
public final class OAuthError extends RuntimeException {

	private final int status;

	private final String error;

	public OAuthError(int status, String error, String description) {
		super(description, null, false, false);
		this.status = status;
		this.error = error;
	}

	static OAuthError invalidGrant(String description) {
		return new OAuthError(400, "invalid_grant", description);
	}

	static OAuthError invalidClient(String description) {
		return new OAuthError(401, "invalid_client", description);
	}

	static OAuthError invalidRequest(String description) {
		return new OAuthError(400, "invalid_request", description);
	}

	public int status() {
		return status;
	}

	public String error() {
		return error;
	}

}
