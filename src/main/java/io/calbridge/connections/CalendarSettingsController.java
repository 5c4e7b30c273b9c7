package io.calbridge.connections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.google.GoogleAccountApi;
import io.calbridge.google.GoogleAccountApi.CalendarSummary;
import io.calbridge.google.GoogleColors;
import io.calbridge.google.GoogleFailure;

/** Settings → Calendar: the user's connections, the OAuth callback, sync settings, colours, disconnect. */
@Controller
@RequestMapping("/settings/calendar")
class CalendarSettingsController {

	private static final String REDIRECT = "redirect:/settings/calendar";

	private final ConnectionService connections;

	private final IntegrationService integrations;

	private final ConnectionCalendars connectionCalendars;

	private final GoogleAccountApi google;

	private final ObjectProvider<CalendarFollowStatus> followStatus;

	CalendarSettingsController(ConnectionService connections, IntegrationService integrations,
			ConnectionCalendars connectionCalendars, GoogleAccountApi google,
			ObjectProvider<CalendarFollowStatus> followStatus) {
		this.followStatus = followStatus;
		this.connections = connections;
		this.integrations = integrations;
		this.connectionCalendars = connectionCalendars;
		this.google = google;
	}

	/** A connection as the page shows it, with its calendars when Google could be asked. */
	public record ConnectionView(CalendarConnection connection, List<CalendarSummary> calendars, String calendarsError,
			SettingsForm settings, Map<String, ColorChoice> colors,
			List<CalendarFollowStatus.FollowedCalendar> followed, Map<String, String> calendarNames) {

		/** A calendar by the name Google shows (its id is a tooltip): ids like c_86ac…@group… mean nothing to people. */
		public String nameOf(String calendarId) {
			return calendarNames.getOrDefault(calendarId, calendarId);
		}
	}

	public record ColorChoice(String hex, String googleColorId, String googleHex, String googleName) {
	}

	@GetMapping
	String page(@AuthenticationPrincipal AccountUser user, Model model) {
		List<ConnectionView> views = new ArrayList<>();
		for (CalendarConnection connection : connections.list(user.id())) {
			views.add(view(connection));
		}
		model.addAttribute("connections", views);
		model.addAttribute("integrations", integrations.list(user.id()));
		model.addAttribute("deletionRules", CalendarConnection.DeletionRule.values());
		return "settings/calendar";
	}

	/**
	 * One connection's followed calendars on their own, for the page to swap in while it is open: push states move
	 * on by themselves ("connecting…" becomes "live" once Google answers the first watch).
	 */
	@GetMapping("/{connectionId}/followed")
	String followed(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId, Model model) {
		ConnectionView view = view(connections.get(user.id(), connectionId));
		model.addAttribute("v", view);
		model.addAttribute("c", view.connection());
		return "settings/calendar :: followed";
	}

	private ConnectionView view(CalendarConnection connection) {
		List<CalendarSummary> calendars = List.of();
		Map<String, String> names = new LinkedHashMap<>();
		String error = null;
		if (connection.getState() == CalendarConnection.State.ACTIVE) {
			AccountCalendars read = accountCalendars(connection);
			if (read.unreadBecause() != null) {
				error = "Could not read the calendars from Google right now (" + read.unreadBecause() + ").";
			}
			else {
				read.all()
					.stream()
					.filter(calendar -> calendar.summary() != null && !calendar.summary().isBlank())
					.forEach(calendar -> names.put(calendar.id(), calendar.summary()));
				calendars = read.all().stream().filter(CalendarSummary::writable).toList();
			}
		}
		Map<String, ColorChoice> colors = new LinkedHashMap<>();
		TaskTypeColors.DEFAULTS.keySet().forEach(type -> {
			String hex = TaskTypeColors.colorFor(connection, type);
			GoogleColors.EventColor nearest = GoogleColors.nearest(hex);
			colors.put(type, new ColorChoice(hex, nearest.id(), nearest.hex(), nearest.name()));
		});
		List<CalendarFollowStatus.FollowedCalendar> followed = new ArrayList<>();
		followStatus.ifAvailable(status -> followed.addAll(status.calendarsOf(connection.getId())));
		return new ConnectionView(connection, calendars, error, SettingsForm.of(connection), colors, followed, names);
	}

	/**
	 * Where the browser lands after Google. Spring Security has already handled a genuine answer (checked the
	 * state, exchanged the code) and redirected here without parameters; anything else that arrives with
	 * parameters is an answer this session did not ask for, or one used already.
	 */
	@GetMapping("/callback")
	String callback(@RequestParam(required = false) String error, @RequestParam(required = false) String code,
			@RequestParam(required = false) String state, HttpSession session, RedirectAttributes redirect) {
		Object outcome = session.getAttribute(ConnectionAuthorizedClients.OUTCOME_ATTRIBUTE);
		session.removeAttribute(ConnectionAuthorizedClients.OUTCOME_ATTRIBUTE);
		if ("access_denied".equals(error)) {
			redirect.addFlashAttribute("error", "You did not allow CalBridge to use your calendar, so nothing was "
					+ "connected. Connect again whenever you are ready.");
		}
		else if (error != null) {
			redirect.addFlashAttribute("error", "Google did not complete the connection (" + error.replaceAll("[^a-z_]", "")
					+ "). Nothing was saved; try connecting again.");
		}
		else if (code != null || state != null) {
			redirect.addFlashAttribute("error", "This answer from Google does not belong to a connection you started "
					+ "in this browser, or it was used already. Nothing was saved; start again with Connect.");
		}
		else if (outcome instanceof ConnectionAuthorizedClients.Outcome result) {
			redirect.addFlashAttribute(result.connected() ? "message" : "error", result.message());
		}
		return REDIRECT;
	}

	/** Reached only when the connect filter found no usable integration (unknown, not the user's, or inactive). */
	@PostMapping("/connect/{integrationId}")
	String connectUnavailable(RedirectAttributes redirect) {
		redirect.addFlashAttribute("error", "That integration does not exist or is inactive: check Settings → Integrations.");
		return REDIRECT;
	}

	@PostMapping("/settings/{connectionId}")
	String saveSettings(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId,
			@Valid @ModelAttribute("settings") SettingsForm form, BindingResult result, RedirectAttributes redirect) {
		CalendarConnection connection = connections.get(user.id(), connectionId);
		if (result.hasErrors()) {
			redirect.addFlashAttribute("error", result.getAllErrors().get(0).getDefaultMessage());
			return REDIRECT;
		}
		AccountCalendars read = accountCalendars(connection);
		if (read.unreadBecause() != null) {
			redirect.addFlashAttribute("error", "Not saved: Google could not be asked for the account's calendars "
					+ "right now (" + read.unreadBecause() + "). Try again in a moment.");
			return REDIRECT;
		}
		Optional<CalendarSummary> calendar = writableCalendar(read.all(), form.getDefaultCalendarId());
		if (calendar.isEmpty()) {
			// An id that is not one of the account's calendars would be followed and polled with 400s for ever,
			// and every task would be accepted for it.
			redirect.addFlashAttribute("error", "Not saved: choose one of the calendars of "
					+ connection.getGoogleAccountEmail() + " that you can add events to.");
			return REDIRECT;
		}
		boolean importStarts = connections.updateSettings(user.id(), connectionId, form);
		redirect.addFlashAttribute("message", "Calendar settings saved." + (importStarts
				? " Reading " + nameOf(calendar.get()) + " for events to import; the line under the import "
						+ "setting says what came in."
				: ""));
		return REDIRECT;
	}

	/** The account's calendars as Google lists them, or why Google could not be asked. */
	private record AccountCalendars(List<CalendarSummary> all, String unreadBecause) {
	}

	private AccountCalendars accountCalendars(CalendarConnection connection) {
		return connectionCalendars.open(connection).map(ready -> {
			try {
				return new AccountCalendars(google.calendars(ready.client()), null);
			}
			catch (GoogleFailure ex) {
				return new AccountCalendars(List.of(), ex.getMessage());
			}
		}, paused -> new AccountCalendars(List.of(), paused.reason()),
				failed -> new AccountCalendars(List.of(), failed.reason()));
	}

	/** The account's calendar {@code calendarId}, if the account can add events to it. */
	private static Optional<CalendarSummary> writableCalendar(List<CalendarSummary> all, String calendarId) {
		return all
			.stream()
			.filter(CalendarSummary::writable)
			.filter(calendar -> calendar.id().equals(calendarId))
			.findFirst();
	}

	private static String nameOf(CalendarSummary calendar) {
		return calendar.summary() == null || calendar.summary().isBlank() ? calendar.id() : calendar.summary();
	}

	@PostMapping("/task-colors/{connectionId}")
	String saveColors(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId,
			@RequestParam Map<String, String> params, RedirectAttributes redirect) {
		connections.get(user.id(), connectionId);
		Map<String, String> colors = new LinkedHashMap<>();
		for (String type : TaskTypeColors.DEFAULTS.keySet()) {
			String value = params.get("color_" + type);
			if (value != null && !GoogleColors.isHexColor(value)) {
				redirect.addFlashAttribute("error", "Colours must look like #33b679.");
				return REDIRECT;
			}
			if (value != null) {
				colors.put(type, value.toLowerCase());
			}
		}
		connections.updateColors(user.id(), connectionId, colors);
		redirect.addFlashAttribute("message", "Task colours saved.");
		return REDIRECT;
	}

	/** Before "disconnect and remove the events" runs: what it will remove, what stays, and whether to tell guests. */
	@GetMapping("/disconnect/{connectionId}")
	String confirmDisconnect(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId, Model model) {
		CalendarConnection connection = connections.get(user.id(), connectionId);
		if (connection.getState() == CalendarConnection.State.DISCONNECTED) {
			return REDIRECT;
		}
		model.addAttribute("connection", connection);
		model.addAttribute("removal", connections.previewRemoval(user.id(), connectionId));
		return "settings/disconnect";
	}

	/**
	 * {@code events=keep} disconnects at once (nothing in Google changes). {@code events=remove} runs only from the
	 * page that said what it will do ({@code confirmed}); from anywhere else it leads to that page first.
	 */
	@PostMapping("/disconnect/{connectionId}")
	String disconnect(@AuthenticationPrincipal AccountUser user, @PathVariable long connectionId,
			@RequestParam(defaultValue = "keep") String events, @RequestParam(defaultValue = "false") boolean confirmed,
			@RequestParam(defaultValue = "false") boolean tellGuests, RedirectAttributes redirect) {
		String email = connections.get(user.id(), connectionId).getGoogleAccountEmail();
		boolean remove = "remove".equals(events);
		if (remove && !confirmed) {
			return "redirect:/settings/calendar/disconnect/" + connectionId;
		}
		ConnectionService.Disconnected done = connections.disconnect(user.id(), connectionId, remove, tellGuests);
		StringBuilder message = new StringBuilder("Disconnected ").append(email).append('.');
		if (remove) {
			message.append(' ').append(removedText(done));
		}
		if (!done.revoked()) {
			message.append(" Google could not be reached to revoke the access; remove CalBridge in your Google "
					+ "account's security settings to be sure.");
		}
		redirect.addFlashAttribute("message", message.toString());
		return REDIRECT;
	}

	/** The same counts the confirmation page gave, now as what was done. */
	private static String removedText(ConnectionService.Disconnected done) {
		StringBuilder text = new StringBuilder().append(events(done.removed())).append(" CalBridge made ")
			.append(done.removed() == 1 ? "was" : "were").append(" removed from Google Calendar");
		if (done.removedWithGuests() > 0) {
			text.append("; ").append(done.removedWithGuests()).append(" of them had guests, who ")
				.append(done.guestsTold() ? "were told by Google" : "were not mailed");
		}
		text.append('.');
		if (done.notRemoved() > 0) {
			text.append(' ').append(events(done.notRemoved())).append(" could not be removed and stay there.");
		}
		text.append(' ').append(events(done.leftInCalendar())).append(" imported from Google ")
			.append(done.leftInCalendar() == 1 ? "stays" : "stay").append(" in your calendar, untouched.");
		return text.toString();
	}

	private static String events(int count) {
		return count + (count == 1 ? " event" : " events");
	}

	/** The state of every connection, for a page that wants to refresh it without reloading. */
	@GetMapping("/status")
	@ResponseBody
	List<Map<String, Object>> status(@AuthenticationPrincipal AccountUser user) {
		return connections.list(user.id()).stream().map(c -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", c.getId());
			entry.put("googleAccountEmail", c.getGoogleAccountEmail());
			entry.put("state", c.getState().name());
			entry.put("lastError", c.getLastError());
			entry.put("defaultCalendarId", c.getDefaultCalendarId());
			return entry;
		}).toList();
	}

}
