package io.calbridge.emulator.ui;

import java.time.LocalDate;
import java.util.List;

/** What the emulated Google Calendar page shows: days, each with its events. */
record AgendaView(List<Day> days) {

	record Day(LocalDate date, String label, List<Item> items) {
	}

	/**
	 * One event as a person sees it in Google Calendar.
	 *
	 * @param myResponse the account's answer when it is a guest (not the organizer), else null
	 */
	record Item(String id, String calendarId, String calendarName, String summary, String when, String description,
			String color, String colorId, boolean editable, boolean allDay, String date, String startTime,
			String endTime, String organizer, String guests, String myResponse, boolean recurring) {
	}

}
