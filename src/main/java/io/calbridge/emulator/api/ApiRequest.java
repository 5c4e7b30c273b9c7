package io.calbridge.emulator.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Calendar API call, whether it came alone or as a part of a batch.
 *
 * @param path     the decoded segments after {@code calendar/v3/}
 * @param rawPath  the path after the emulator root, for logs and fault patterns
 * @param headers  lower-case names
 * @param baseUrl  scheme, host and root path the client used, for {@code resourceUri}
 * @param gzipped  the body came with {@code Content-Encoding: gzip}
 */
record ApiRequest(String method, List<String> path, String rawPath, Map<String, List<String>> params,
		Map<String, String> headers, String body, String baseUrl, boolean gzipped) {

	Optional<String> param(String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	List<String> params(String name) {
		return params.getOrDefault(name, List.of());
	}

	Optional<String> header(String name) {
		return Optional.ofNullable(headers.get(name.toLowerCase()));
	}

}
