package io.calbridge.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum TaskPriority {

	LOW("Low"), MEDIUM("Medium"), HIGH("High");

	private final String label;

	TaskPriority(String label) {
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
	public static TaskPriority fromJson(String value) {
		return JsonEnums.parse(TaskPriority.class, value);
	}

}
