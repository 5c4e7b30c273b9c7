package io.calbridge.emulator.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonObject;

import io.calbridge.emulator.api.Faults;
import io.calbridge.emulator.api.Quota;
import io.calbridge.emulator.push.PushFaults;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Making the emulator misbehave on purpose: Google errors, latency and lost answers for API calls, dropped or
 * late push notifications, and the per-account rate limit.
 */
@RestController
@RequestMapping("/emulator/admin")
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
class AdminFaultsController {

	private final Faults faults;

	private final PushFaults pushFaults;

	private final Quota quota;

	AdminFaultsController(Faults faults, PushFaults pushFaults, Quota quota) {
		this.faults = faults;
		this.pushFaults = pushFaults;
		this.quota = quota;
	}

	/**
	 * {@code {"method","path","status","reason","message","latencyMs","afterApply","answerLatencyMs","count",
	 * "probability"}} for API
	 * calls, or {@code {"push":"drop"|"delay","latencyMs","count","channelId"}} for notifications.
	 */
	@PostMapping("/faults")
	ResponseEntity<String> addFault(@RequestBody String body) {
		JsonObject f = AdminController.object(body);
		if (f.has("push")) {
			PushFaults.Rule rule = new PushFaults.Rule(f.get("push").getAsString(), AdminController.longOr(f, "latencyMs", 0),
					(int) AdminController.longOr(f, "count", -1), f.has("channelId") ? f.get("channelId").getAsString() : null);
			pushFaults.add(rule);
			return AdminController.json(Map.of("push", rule.mode(), "count", rule.count()));
		}
		if (!f.has("path")) {
			throw new IllegalArgumentException("a fault needs a path pattern (or \"push\": \"drop\"|\"delay\")");
		}
		Faults.Rule rule = new Faults.Rule(f.has("method") ? f.get("method").getAsString() : "*",
				f.get("path").getAsString(), (int) AdminController.longOr(f, "status", 0),
				f.has("reason") ? f.get("reason").getAsString() : null,
				f.has("message") ? f.get("message").getAsString() : null, AdminController.longOr(f, "latencyMs", 0),
				f.has("afterApply") && f.get("afterApply").getAsBoolean(), AdminController.longOr(f, "answerLatencyMs", 0),
				(int) AdminController.longOr(f, "count", -1),
				f.has("probability") ? f.get("probability").getAsDouble() : 1.0);
		faults.add(rule);
		return AdminController.json(Map.of("method", rule.method(), "path", rule.path(), "status", rule.status(),
				"count", rule.count()));
	}

	@GetMapping("/faults")
	ResponseEntity<String> faults() {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("api", faults.all().stream().map(Faults.Rule::toString).toList());
		all.put("apiFired", faults.fired());
		all.put("push", pushFaults.all().stream().map(PushFaults.Rule::toString).toList());
		return AdminController.json(all);
	}

	@DeleteMapping("/faults")
	ResponseEntity<String> clearFaults() {
		faults.clear();
		pushFaults.clear();
		return AdminController.json(Map.of("cleared", true));
	}

	/** {@code {"requestsPerMinute": 600, "status": 403|429}}; 0 turns the limit off. */
	@PostMapping("/quota")
	ResponseEntity<String> quota(@RequestBody String body) {
		JsonObject q = AdminController.object(body);
		quota.configure((int) AdminController.longOr(q, "requestsPerMinute", 0), (int) AdminController.longOr(q, "status", 403));
		return AdminController.json(quota.settings());
	}

	@ExceptionHandler({ IllegalArgumentException.class, UnsupportedOperationException.class, ClassCastException.class,
			IllegalStateException.class })
	ResponseEntity<String> badRequest(RuntimeException e) {
		return ResponseEntity.status(400).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(io.calbridge.emulator.calendar.EventJson.write(Map.of("error", String.valueOf(e.getMessage()))));
	}

}
