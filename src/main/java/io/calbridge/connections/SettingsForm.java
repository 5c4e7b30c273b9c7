package io.calbridge.connections;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The sync settings of one connection. */
class SettingsForm {

	@NotBlank(message = "Choose a calendar")
	@Size(max = 1024)
	private String defaultCalendarId;

	private boolean autoSync;

	private boolean importExternalEvents;

	@NotNull(message = "Choose what happens when an event is deleted in Google")
	private CalendarConnection.DeletionRule deletionRule;

	static SettingsForm of(CalendarConnection connection) {
		SettingsForm form = new SettingsForm();
		form.defaultCalendarId = connection.getDefaultCalendarId();
		form.autoSync = connection.isAutoSync();
		form.importExternalEvents = connection.isImportExternalEvents();
		form.deletionRule = connection.getDeletionRule();
		return form;
	}

	public String getDefaultCalendarId() {
		return defaultCalendarId;
	}

	public void setDefaultCalendarId(String defaultCalendarId) {
		this.defaultCalendarId = defaultCalendarId;
	}

	public boolean isAutoSync() {
		return autoSync;
	}

	public void setAutoSync(boolean autoSync) {
		this.autoSync = autoSync;
	}

	public boolean isImportExternalEvents() {
		return importExternalEvents;
	}

	public void setImportExternalEvents(boolean importExternalEvents) {
		this.importExternalEvents = importExternalEvents;
	}

	public CalendarConnection.DeletionRule getDeletionRule() {
		return deletionRule;
	}

	public void setDeletionRule(CalendarConnection.DeletionRule deletionRule) {
		this.deletionRule = deletionRule;
	}

}
