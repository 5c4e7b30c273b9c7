package io.calbridge.emulator.calendar;

/**
 * An answer Google gives instead of a resource: status, domain, reason and message, rendered as
 * {@code {"error":{"code","message","errors":[{"domain","reason","message"}]}}}. The factories use the reasons
 * and messages of Google's "Handle API errors" guide.
 */
public final class GoogleError extends RuntimeException {

	private final int status;

	private final String domain;

	private final String reason;

	private final String location;

	private final String locationType;

	public GoogleError(int status, String domain, String reason, String message, String locationType,
			String location) {
		super(message, null, false, false);
		this.status = status;
		this.domain = domain;
		this.reason = reason;
		this.locationType = locationType;
		this.location = location;
	}

	public GoogleError(int status, String domain, String reason, String message) {
		this(status, domain, reason, message, null, null);
	}

	public static GoogleError notFound() {
		return new GoogleError(404, "global", "notFound", "Not Found");
	}

	public static GoogleError badRequest(String message) {
		return new GoogleError(400, "global", "badRequest", message);
	}

	public static GoogleError invalid(String message, String parameter) {
		return new GoogleError(400, "global", "invalid", message, "parameter", parameter);
	}

	public static GoogleError required(String message) {
		return new GoogleError(400, "global", "required", message);
	}

	public static GoogleError duplicate() {
		return new GoogleError(409, "global", "duplicate", "The requested identifier already exists.");
	}

	public static GoogleError deleted() {
		return new GoogleError(410, "global", "deleted", "Resource has been deleted");
	}

	public static GoogleError fullSyncRequired() {
		return new GoogleError(410, "global", "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
	}

	public static GoogleError conditionNotMet() {
		return new GoogleError(412, "global", "conditionNotMet", "Precondition Failed", "header", "If-Match");
	}

	public static GoogleError readOnlyCalendar() {
		return new GoogleError(403, "global", "requiredAccessLevel", "You need to have writer access to this calendar.");
	}

	public int status() {
		return status;
	}

	public String domain() {
		return domain;
	}

	public String reason() {
		return reason;
	}

	public String location() {
		return location;
	}

	public String locationType() {
		return locationType;
	}

}
