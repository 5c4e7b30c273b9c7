package io.calbridge.tasks;

/** A task waits for the calendar; published in the saving transaction, heard after it commits. */
public record TaskSyncRequested(long taskId) {
}
