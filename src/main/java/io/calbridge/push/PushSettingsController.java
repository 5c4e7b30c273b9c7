package io.calbridge.push;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.connections.CalendarConnection;
import io.calbridge.connections.ConnectionService;
import io.calbridge.sync.CalendarSyncs;

/** Settings → Calendar → Renew: a new channel now (the old one stopped after it), and a read of the calendar. */
@Controller
class PushSettingsController {

	private static final String REDIRECT = "redirect:/settings/calendar";

	private final CalendarSyncs syncs;

	private final ConnectionService connections;

	private final PushChannels channels;

	private final ChannelWatcher watcher;

	PushSettingsController(CalendarSyncs syncs, ConnectionService connections, PushChannels channels,
			ChannelWatcher watcher) {
		this.syncs = syncs;
		this.connections = connections;
		this.channels = channels;
		this.watcher = watcher;
	}

	@PostMapping("/settings/calendar/push/{calendarSyncId}/renew")
	String renew(@AuthenticationPrincipal(expression = "id()") long userId, @PathVariable long calendarSyncId,
			RedirectAttributes redirect) {
		CalendarSyncs.CalendarSyncView sync = syncs.find(calendarSyncId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		// Throws 404 unless the connection is this user's. (The principal is read by expression: push does not
		// depend on the accounts module.)
		CalendarConnection connection = connections.get(userId, sync.connectionId());
		boolean live = false;
		var current = channels.live(calendarSyncId);
		if (current.isEmpty()) {
			live = watcher.watch(connection, calendarSyncId, sync.calendarId());
		}
		else {
			for (PushChannels.PushChannel old : current) {
				watcher.renew(connection, old, sync.calendarId());
			}
			live = channels.live(calendarSyncId).stream().anyMatch(c -> current.stream().noneMatch(o -> o.id().equals(c.id())));
		}
		syncs.requestInbound(calendarSyncId);
		redirect.addFlashAttribute(live ? "message" : "error", live
				? "Push channel renewed for " + sync.calendarId() + "."
				: "Google did not open a push channel for " + sync.calendarId() + "; it is polled meanwhile.");
		return REDIRECT;
	}

}
