package io.calbridge.tasks;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A task changed on both sides: {@code fields} both changed differently, and the three versions the person chooses
 * between. {@code deletedInGoogle}: the event was deleted in Google while the task had changes not yet sent (then
 * {@code fields} is {@code ["deleted"]}); the key is stored only when true, as it always was.
 */
public record Conflict(List<String> fields, EventFields base, EventFields local, EventFields remote,
		@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deletedInGoogle) {

	public Conflict {
		fields = List.copyOf(fields);
	}

}
