package io.calbridge.tasks;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync module's stored values (the agreed {@link Snapshot}, a {@link Conflict}) as jsonb, through one mapper: the
 * keys are the record components', which are the keys rows had when these values were maps, so those rows read as
 * they are. Times are ISO-8601 text, as they always were.
 */
abstract class SyncJson<T> implements AttributeConverter<T, String> {

	// A key this version does not know (a newer instance's, during a rolling upgrade) must not make the task
	// unreadable; a flag that is absent is false, as it was when these were maps ("deletedInGoogle" is stored only
	// when true).
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final Class<T> type;

	SyncJson(Class<T> type) {
		this.type = type;
	}

	@Override
	public String convertToDatabaseColumn(T value) {
		return value == null ? null : JSON.writeValueAsString(value);
	}

	@Override
	public T convertToEntityAttribute(String json) {
		return json == null ? null : JSON.readValue(json, type);
	}

	@Converter
	static final class OfSnapshot extends SyncJson<Snapshot> {

		OfSnapshot() {
			super(Snapshot.class);
		}

	}

	@Converter
	static final class OfConflict extends SyncJson<Conflict> {

		OfConflict() {
			super(Conflict.class);
		}

	}

}
