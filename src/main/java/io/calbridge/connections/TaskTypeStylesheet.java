package io.calbridge.connections;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.calbridge.accounts.AccountUser;

/**
 * The task-type dots in the CRM's pages take the colours the person chose for their calendar, through a small
 * stylesheet of their own (a stylesheet, not inline styles, so the Content-Security-Policy can keep styles to
 * CalBridge's own files). The colours are those of the connection new tasks go to, else the defaults.
 */
@RestController
class TaskTypeStylesheet {

	private static final TypeReference<Map<String, String>> COLORS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	TaskTypeStylesheet(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@GetMapping("/settings/calendar/type-colors.css")
	ResponseEntity<String> stylesheet(@AuthenticationPrincipal AccountUser user) {
		Map<String, String> colors = new LinkedHashMap<>(TaskTypeColors.DEFAULTS);
		// Only the colours column: loading the connection would decrypt its tokens on every page view.
		jdbc.sql("""
				select task_type_colors::text from calendar_connections
				where user_id = ? and state = 'ACTIVE' order by id limit 1""")
			.param(user.id())
			.query(String.class)
			.optional()
			.map(text -> json.readValue(text, COLORS))
			.ifPresent(chosen -> chosen.forEach((type, hex) -> {
				if (colors.containsKey(type) && io.calbridge.google.GoogleColors.isHexColor(hex)) {
					colors.put(type, hex);
				}
			}));
		StringBuilder css = new StringBuilder();
		colors.forEach((type, hex) -> css.append(".type-dot.type-").append(type).append(" { background: ").append(hex)
			.append("; }\n"));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache().cachePrivate())
			.body(css.toString());
	}

}
