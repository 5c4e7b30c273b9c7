package io.calbridge.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionService;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/** The settings page's sync buttons: sync now, sync all existing tasks, and the progress of that. */
@Controller
@RequestMapping("/settings/calendar")
class CalendarSyncController {

	private final ConnectionService connections;

	private final TaskSyncStore store;

	private final OutboundSync outbound;

	private final CalendarSyncs syncs;

	CalendarSyncController(ConnectionService connections, TaskSyncStore store, OutboundSync outbound,
			CalendarSyncs syncs) {
		this.syncs = syncs;
		this.connections = connections;
		this.store = store;
		this.outbound = outbound;
	}

	/** Sends what waits, now, instead of at the next sweep or retry. */
	@PostMapping("/sync/{connectionId}")
	String syncNow(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId,
			RedirectAttributes redirect) {
		connections.get(user.id(), connectionId);
		int queued = store.requeue(user.id(), Set.of(SyncState.PENDING), true);
		outbound.nudge();
		// … and reads what changed in Google, without waiting for a push or the next poll.
		syncs.forConnection(connectionId).forEach(sync -> syncs.requestInbound(sync.id()));
		redirect.addFlashAttribute("message", queued == 0 ? "Everything is in step." : queued + " tasks are being sent now.");
		return "redirect:/settings/calendar";
	}

	/**
	 * Every task with sync on that is not in the calendar yet (or failed) goes out; progress below. Pressing it is
	 * an explicit request, so it sends them even while auto-sync is off (later edits then wait again).
	 */
	@PostMapping("/bulk-sync/{connectionId}")
	String bulkSync(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId,
			RedirectAttributes redirect) {
		CalendarConnection connection = connections.get(user.id(), connectionId);
		int queued = store.requeue(user.id(), Set.of(SyncState.NONE, SyncState.FAILED, SyncState.PENDING), true);
		outbound.nudge();
		redirect.addFlashAttribute("message", queued + " tasks queued for Google Calendar."
				+ (connection.isAutoSync() ? "" : " Auto-sync is off: these go now because you asked; later changes "
						+ "wait until you press Sync all again or turn auto-sync on."));
		redirect.addFlashAttribute("bulkSync", connectionId);
		return "redirect:/settings/calendar";
	}

	/**
	 * Counts by sync state, and of the pending ones how many are on their way ({@code sending}) and how many wait
	 * for something a person must do ({@code waiting}, with {@code waitingReason}), so the page never shows a
	 * number waiting without saying why.
	 */
	@GetMapping("/bulk-sync/{connectionId}/progress")
	@ResponseBody
	Map<String, Object> progress(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId) {
		return progress(user, connections.get(user.id(), connectionId));
	}

	/** The same, as the settings page's progress bar, which htmx swaps in while the page is open. */
	@GetMapping(path = "/bulk-sync/{connectionId}/progress", headers = "HX-Request=true")
	String progressBar(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId, Model model) {
		CalendarConnection connection = connections.get(user.id(), connectionId);
		model.addAttribute("c", connection);
		model.addAttribute("p", progress(user, connection));
		return "settings/calendar :: progress";
	}

	private Map<String, Object> progress(AccountUser user, CalendarConnection connection) {
		Map<SyncState, Long> counts = store.countsByState(user.id());
		Map<String, Object> progress = new LinkedHashMap<>();
		progress.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
		for (SyncState state : SyncState.values()) {
			progress.put(state.json(), counts.getOrDefault(state, 0L));
		}
		TaskSyncStore.Waiting waiting = store.waiting(user.id());
		long stuck = 0;
		String why = null;
		if (connection.getState() != CalendarConnection.State.ACTIVE) {
			stuck = waiting.pending();
			why = "paused until " + connection.getGoogleAccountEmail() + " is reconnected";
		}
		else if (!connection.isAutoSync()) {
			stuck = waiting.pending() - waiting.asked();
			why = "auto-sync is off — press Sync all to send them, or turn auto-sync on";
		}
		progress.put("autoSync", connection.isAutoSync());
		progress.put("sending", waiting.pending() - stuck);
		progress.put("waiting", stuck);
		progress.put("waitingReason", stuck > 0 ? why : null);
		// Why the ones on their way have not arrived yet (a retry after Google's rate limit, an outage), if known.
		progress.put("lastError", stuck == 0 && waiting.pending() > 0 ? waiting.reason() : null);
		return progress;
	}

}
