package io.calbridge.connections;

import java.util.LinkedHashMap;
import java.util.Map;

import io.calbridge.google.GoogleColors;

/**
 * The colour a connection gives each task type's events. Stored per connection as overrides of these
 * defaults; Google gets the nearest colour of its own event palette.
 */
public final class TaskTypeColors {

	/** Keys are the task types as the API names them; values the CRM's default colours. */
	public static final Map<String, String> DEFAULTS;

	static {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("call", "#4285f4");
		// Each default is nearest a different Google colour (Blueberry, Grape, Basil, Banana, Tomato): the earlier
		// email purple was nearest Blueberry too, so calls and emails looked alike in Google.
		defaults.put("email", "#d6a2e8");
		defaults.put("meeting", "#33b679");
		defaults.put("task", "#f6bf26");
		defaults.put("follow_up", "#f4511e");
		DEFAULTS = java.util.Collections.unmodifiableMap(defaults);
	}

	private TaskTypeColors() {
	}

	/** The colour for a type on this connection: the user's choice, else the default. */
	public static String colorFor(CalendarConnection connection, String taskType) {
		return connection.getTaskTypeColors().getOrDefault(taskType, DEFAULTS.getOrDefault(taskType, "#a4bdfc"));
	}

	/** Google's event colour id for a type on this connection. */
	public static String googleColorId(CalendarConnection connection, String taskType) {
		return GoogleColors.nearest(colorFor(connection, taskType)).id();
	}

}
