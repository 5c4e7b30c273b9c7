package io.calbridge.tasks;

/**
 * Who organizes a task's event, as Google reports it: {@code self} when the connected account does, and whether
 * the organizer lets guests modify it (Google's {@code guestsCanModify}, false unless set).
 */
public record EventOrganizer(String email, boolean self, boolean guestsCanModify) {

	/** The account's own event: everything of it may be changed from here. */
	public static final EventOrganizer SELF = new EventOrganizer(null, true, false);

	/** The organizer when it is someone else: the event is an invitation the account was sent. */
	public String invitedBy() {
		return self || email == null ? null : email;
	}

}
