package io.calbridge.tasks;

/**
 * Who made a task's event. CalBridge removes, and tells guests about, only what it made itself: an event someone
 * made in Google (imported, or an invitation) stays theirs however the task changes.
 */
public enum EventOrigin {

	/** CalBridge inserted it (also when an insert whose answer was lost was taken back after a 409). */
	CALBRIDGE,

	/** Someone made it in Google: imported as a task, never CalBridge's to remove. */
	GOOGLE

}
