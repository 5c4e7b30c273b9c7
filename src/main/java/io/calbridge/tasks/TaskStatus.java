package io.calbridge.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum TaskStatus {

	PENDING("Pending"), IN_PROGRESS("In progress"), COMPLETED("Completed"), CANCELLED("Cancelled");

	private final String label;

	TaskStatus(String label) {
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
	public static TaskStatus fromJson(String value) {
		return JsonEnums.parse(TaskStatus.class, value);
	}

}
