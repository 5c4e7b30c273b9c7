package io.calbridge.sync;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.connections.CalendarConnection;

/**
 * /admin/sync: every user's connections, for the installation's admins. Anyone else gets 404, as for a page that
 * is not there, so the page does not tell a user it exists. Pause and resync are asked first on a page that says
 * what they do; resume undoes a pause and goes at once.
 */
@Controller
class AdminSyncController {

	private static final String REDIRECT = "redirect:/admin/sync";

	private final SyncAdministration administration;

	AdminSyncController(SyncAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/admin/sync")
	String overview(@AuthenticationPrincipal AccountUser user, Model model) {
		adminOnly(user);
		model.addAttribute("connections", administration.overview());
		return "sync/admin";
	}

	/** The confirmation step of pause and resync: what will happen, and nothing has yet. */
	@GetMapping("/admin/sync/connections/{id}/{action:pause|resync}")
	String confirm(@AuthenticationPrincipal AccountUser user, @PathVariable long id, @PathVariable String action,
			Model model) {
		CalendarConnection connection = connection(user, id);
		model.addAttribute("connection", administration.health(connection));
		model.addAttribute("account", connection.getGoogleAccountEmail());
		model.addAttribute("action", action);
		return "sync/admin-confirm";
	}

	@PostMapping("/admin/sync/connections/{id}/pause")
	String pause(@AuthenticationPrincipal AccountUser user, @PathVariable long id, RedirectAttributes redirect) {
		CalendarConnection connection = connection(user, id);
		boolean done = administration.pause(user.id(), connection);
		redirect.addFlashAttribute("message", done
				? "Sync of " + connection.getGoogleAccountEmail()
						+ " paused: nothing is read from or written to Google until you resume it."
				: "Sync of " + connection.getGoogleAccountEmail() + " was already paused.");
		return REDIRECT;
	}

	@PostMapping("/admin/sync/connections/{id}/resume")
	String resume(@AuthenticationPrincipal AccountUser user, @PathVariable long id, RedirectAttributes redirect) {
		CalendarConnection connection = connection(user, id);
		boolean done = administration.resume(user.id(), connection);
		redirect.addFlashAttribute("message", done
				? "Sync of " + connection.getGoogleAccountEmail()
						+ " resumed: its calendars are read now and its waiting tasks sent."
				: "Sync of " + connection.getGoogleAccountEmail() + " was not paused.");
		return REDIRECT;
	}

	@PostMapping("/admin/sync/connections/{id}/resync")
	String resync(@AuthenticationPrincipal AccountUser user, @PathVariable long id, RedirectAttributes redirect) {
		CalendarConnection connection = connection(user, id);
		int calendars = administration.resync(user.id(), connection);
		redirect.addFlashAttribute("message", "Full resync of " + connection.getGoogleAccountEmail() + " asked: "
				+ calendars + (calendars == 1 ? " calendar is" : " calendars are")
				+ " read in full on the next inbound run" + (administration.paused(connection)
					? ", once the sync is resumed." : "."));
		return REDIRECT;
	}

	private CalendarConnection connection(AccountUser user, long id) {
		adminOnly(user);
		return administration.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static void adminOnly(AccountUser user) {
		if (user == null || !user.isAdmin()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

}
