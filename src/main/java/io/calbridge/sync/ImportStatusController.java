package io.calbridge.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import io.calbridge.accounts.AccountUser;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.CalendarNames;
import io.calbridge.connections.ConnectionService;
import io.calbridge.tasks.TaskSyncStore;

/**
 * What turning import on (or changing its calendar while on) brought in, for the settings page's import line:
 * "reading…" until the calendar's full read is done, then how many events came, series counted as series.
 */
@Controller
@RequestMapping("/settings/calendar/import")
class ImportStatusController {

	private final ConnectionService connections;

	private final CalendarSyncs syncs;

	private final TaskSyncStore store;

	private final CalendarNames names;

	ImportStatusController(ConnectionService connections, CalendarSyncs syncs, TaskSyncStore store,
			CalendarNames names) {
		this.connections = connections;
		this.syncs = syncs;
		this.store = store;
		this.names = names;
	}

	/** {@code state}: off, on (nothing asked since), reading, done; {@code message} says it in words. */
	@GetMapping("/{connectionId}/status")
	@ResponseBody
	Map<String, Object> status(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId) {
		CalendarConnection connection = connections.get(user.id(), connectionId);
		return status(connection, connection.getDefaultCalendarId());
	}

	/**
	 * The same as the settings page's import line, which htmx swaps in: the calendar by the name Google shows, and
	 * asked again only while the read is under way.
	 */
	@GetMapping(path = "/{connectionId}/status", headers = "HX-Request=true")
	String line(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId, Model model) {
		CalendarConnection connection = connections.get(user.id(), connectionId);
		Map<String, Object> status = status(connection, names.nameOf(connectionId, connection.getDefaultCalendarId()));
		model.addAttribute("c", connection);
		model.addAttribute("importState", status.get("state"));
		model.addAttribute("importMessage", status.get("message"));
		return "settings/calendar :: importStatus";
	}

	/** {@code calendarName}: how the messages name the calendar (the JSON keeps its id, as it always said). */
	private Map<String, Object> status(CalendarConnection connection, String calendarName) {
		long connectionId = connection.getId();
		String calendarId = connection.getDefaultCalendarId();
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("calendarId", calendarId);
		Optional<CalendarSyncs.ImportRead> read = connection.isImportExternalEvents()
				? syncs.importRead(connectionId, calendarId) : Optional.empty();
		if (!connection.isImportExternalEvents() || read.isEmpty()) {
			status.put("state", connection.isImportExternalEvents() ? "on" : "off");
			status.put("message", null);
			return status;
		}
		if (read.get().readAt() == null) {
			status.put("state", "reading");
			status.put("message", "Reading " + calendarName + " for events to import…"
					+ (read.get().lastError() == null ? "" : " (trying again: " + read.get().lastError() + ")"));
			return status;
		}
		TaskSyncStore.Imported imported = store.importedSince(connectionId, calendarId, read.get().requestedAt());
		status.put("state", "done");
		status.put("events", imported.tasks());
		status.put("series", imported.series());
		status.put("occurrences", imported.occurrences());
		status.put("message", message(calendarName, imported));
		return status;
	}

	static String message(String calendar, TaskSyncStore.Imported imported) {
		if (imported.tasks() == 0) {
			return imported.before() == 0 ? calendar + " has no events to import: it is empty in the sync window."
					: "No new events in " + calendar + "; the " + imported.before() + " imported earlier are here.";
		}
		String text = imported.tasks() + (imported.tasks() == 1 ? " event" : " events") + " imported from " + calendar;
		if (imported.series() > 0) {
			text += " (" + imported.series() + " " + imported.seriesKind() + " series as " + imported.occurrences()
					+ (imported.occurrences() == 1 ? " occurrence)" : " occurrences)");
		}
		return text + ".";
	}

}
