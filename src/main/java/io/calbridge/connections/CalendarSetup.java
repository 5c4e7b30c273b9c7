package io.calbridge.connections;

/**
 * How far a person is in setting up their calendar: the first two steps of the first-run checklist (the third,
 * a first task, is the tasks module's to know).
 */
record CalendarSetup(boolean integrationAdded, boolean calendarConnected) {

}
