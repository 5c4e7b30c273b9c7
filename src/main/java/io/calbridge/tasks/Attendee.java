package io.calbridge.tasks;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A guest of the task's event. {@code responseStatus} is Google's word for the guest's answer
 * (needsAction, accepted, tentative, declined); it comes back from Google and is never set by the user.
 */
public record Attendee(@NotBlank(message = "must not be blank") @Email(message = "must be a valid email address")
@Size(max = 254, message = "must be at most 254 characters") String email,
		@Size(max = 255, message = "must be at most 255 characters") String name, String responseStatus) {

	public static final String NEEDS_ACTION = "needsAction";

	public Attendee {
		email = email == null ? null : email.strip();
		name = name == null || name.isBlank() ? null : name.strip();
		responseStatus = responseStatus == null || responseStatus.isBlank() ? NEEDS_ACTION : responseStatus;
	}

	boolean sameGuest(Attendee other) {
		return email.equalsIgnoreCase(other.email);
	}

}
