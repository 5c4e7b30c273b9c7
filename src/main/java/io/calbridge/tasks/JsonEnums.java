package io.calbridge.tasks;

import java.util.Arrays;

/** The API speaks the task enums in lower case ("follow_up"); an unknown value names the allowed ones. */
final class JsonEnums {

	private JsonEnums() {
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value) {
		return Arrays.stream(type.getEnumConstants())
			.filter(constant -> constant.name().equalsIgnoreCase(value == null ? "" : value.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + value + "' is not one of " + allowed(type.getEnumConstants())));
	}

	static String allowed(Enum<?>[] values) {
		return String.join(", ", Arrays.stream(values).map(v -> v.name().toLowerCase()).toList());
	}

}
