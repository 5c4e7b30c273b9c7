package io.calbridge.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of CRM activity a task is. Its colour is the calendar connection's to choose (connections'
 * TaskTypeColors), so the pages take it from the person's stylesheet.
 */
public enum TaskType {

	CALL("Call"), EMAIL("Email"), MEETING("Meeting"), TASK("Task"), FOLLOW_UP("Follow-up");

	private final String label;

	TaskType(String label) {
		this.label = label;
	}

	public String label() {
		return label;
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
