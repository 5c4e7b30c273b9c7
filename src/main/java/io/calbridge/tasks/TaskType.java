package io.calbridge.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of CRM activity a task is; each has a colour the calendar event takes by default. */
public enum TaskType {

	CALL("Call", "#4285f4"), EMAIL("Email", "#9e69af"), MEETING("Meeting", "#33b679"), TASK("Task", "#f6bf26"),
	FOLLOW_UP("Follow-up", "#f4511e");

	private final String label;

	private final String defaultColor;

	TaskType(String label, String defaultColor) {
		this.label = label;
		this.defaultColor = defaultColor;
	}

	public String label() {
		return label;
	}

	public String defaultColor() {
		return defaultColor;
	}

	@JsonValue
	public String json() {
		return name().toLowerCase();
	}

	@JsonCreator
	public static TaskType fromJson(String value) {
		return JsonEnums.parse(TaskType.class, value);
	}

}
