package io.calbridge.sync;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionService;
import io.calbridge.tasks.CrmTask;
import io.calbridge.tasks.SyncState;
import io.calbridge.tasks.TaskSyncStore;

/**
 * The person's answer to the mass-deletion safeguard (Settings → Calendar): apply the held removals (the deletion
 * rule, task by task), or ignore them (the tasks stay, unlinked from the deleted events). Either way the calendar's
 * inbound sync resumes.
 */
@Controller
class MassDeletionController {

	private final CalendarSyncs syncs;

	private final ConnectionService connections;

	private final TaskSyncStore store;

	private final InboundApplier applier;

	private final SyncLog log;

	MassDeletionController(CalendarSyncs syncs, ConnectionService connections, TaskSyncStore store,
			InboundApplier applier, SyncLog log) {
		this.syncs = syncs;
		this.connections = connections;
		this.store = store;
		this.applier = applier;
		this.log = log;
	}

	@PostMapping("/settings/calendar/inbound/{calendarSyncId}/removals")
	String decide(@AuthenticationPrincipal AccountUser user, @PathVariable long calendarSyncId,
			@RequestParam String decision, RedirectAttributes redirect) {
		CalendarSyncs.CalendarSyncView sync = syncs.find(calendarSyncId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		CalendarConnection connection = connections.get(user.id(), sync.connectionId());
		boolean apply = "apply".equals(decision);
		List<Long> held = syncs.takePendingRemovals(calendarSyncId);
		int done = 0;
		for (long taskId : held) {
			CrmTask task = store.find(taskId).orElse(null);
			if (task == null || task.getDeletedAt() != null || !sync.calendarId().equals(task.getGoogleCalendarId())
					|| !Long.valueOf(connection.getId()).equals(task.getGoogleConnectionId())) {
				continue; // changed since: nothing to decide for it any more
			}
			if (apply) {
				applier.applyDeletionRule(connection, taskId, user.id(), sync.calendarId());
			}
			else {
				store.unlinked(taskId, SyncState.NONE,
						"Its event was deleted in Google Calendar; you chose to keep the task.");
				log.inbound(user.id(), taskId, connection.getId(), sync.calendarId(), "delete", "SKIPPED",
						"mass deletion ignored by the person");
			}
			done++;
		}
		redirect.addFlashAttribute("message", apply
				? done + " tasks followed Google's deletions (" + connection.getDeletionRule().label().toLowerCase() + ")."
				: done + " tasks kept; sync of " + sync.calendarId() + " resumed.");
		return "redirect:/settings/calendar";
	}

}
