package io.calbridge.connections;

import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.calbridge.accounts.AccountUser;
import io.calbridge.google.GoogleEndpoints;

/** Settings → Integrations: the user's own Google OAuth clients. */
@Controller
@RequestMapping("/settings/integrations")
class IntegrationController {

	private static final String LIST_VIEW = "settings/integrations";

	private static final String FORM_VIEW = "settings/integration-form";

	private final IntegrationService integrations;

	private final EmulatorClients emulator;

	private final GoogleEndpoints endpoints;

	private final boolean emulatorEnabled;

	IntegrationController(IntegrationService integrations, EmulatorClients emulator, GoogleEndpoints endpoints,
			@Value("${calbridge.emulator.enabled:false}") boolean emulatorEnabled) {
		this.integrations = integrations;
		this.emulator = emulator;
		this.endpoints = endpoints;
		this.emulatorEnabled = emulatorEnabled;
	}

	@InitBinder("form")
	void guardIds(WebDataBinder binder) {
		binder.setDisallowedFields("id", "userId");
	}

	@ModelAttribute
	void setup(Model model) {
		model.addAttribute("redirectUri", endpoints.redirectUri());
		model.addAttribute("webhookUrl", endpoints.webhookUrl());
		model.addAttribute("emulatorOffered", emulatorEnabled);
		model.addAttribute("statuses", GoogleIntegration.Status.values());
	}

	@GetMapping
	String list(@AuthenticationPrincipal AccountUser user, Model model) {
		model.addAttribute("integrations", integrations.list(user.id()));
		return LIST_VIEW;
	}

	@GetMapping("/new")
	String newIntegration(Model model) {
		IntegrationForm form = new IntegrationForm();
		form.setName("Google Calendar");
		model.addAttribute("form", form);
		return FORM_VIEW;
	}

	@PostMapping("/new")
	String create(@AuthenticationPrincipal AccountUser user, @Valid @ModelAttribute("form") IntegrationForm form,
			BindingResult result, RedirectAttributes redirect) {
		if (form.getClientSecret() == null || form.getClientSecret().isBlank()) {
			result.rejectValue("clientSecret", "required", "Paste the client secret from Google Cloud Console");
		}
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		try {
			integrations.create(user.id(), form.getName(), form.getClientId(), form.getClientSecret(), false);
		}
		catch (IntegrationService.NameTakenException ex) {
			result.rejectValue("name", "taken", ex.getMessage());
			return FORM_VIEW;
		}
		redirect.addFlashAttribute("message", "Integration added. Connect your calendar next.");
		return "redirect:/settings/calendar";
	}

	/** One click for newcomers: a client registered with the built-in emulator, saved as an integration. */
	@PostMapping("/emulator")
	String useEmulator(@AuthenticationPrincipal AccountUser user, RedirectAttributes redirect) {
		if (!emulatorEnabled) {
			redirect.addFlashAttribute("error", "The built-in emulator is not enabled here.");
			return "redirect:/settings/integrations";
		}
		try {
			EmulatorClients.Credentials credentials = emulator.register();
			integrations.create(user.id(), uniqueName(user.id(), "Built-in Google emulator"), credentials.clientId(),
					credentials.clientSecret(), true);
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/settings/integrations";
		}
		redirect.addFlashAttribute("message", "Emulator integration added. Connect a calendar below.");
		return "redirect:/settings/calendar";
	}

	private String uniqueName(long userId, String base) {
		java.util.Set<String> taken = new java.util.HashSet<>();
		integrations.list(userId).forEach(i -> taken.add(i.getName().toLowerCase()));
		String name = base;
		for (int n = 2; taken.contains(name.toLowerCase()); n++) {
			name = base + " " + n;
		}
		return name;
	}

	@GetMapping("/{id}/edit")
	String edit(@AuthenticationPrincipal AccountUser user, @PathVariable long id, Model model) {
		GoogleIntegration integration = integrations.get(user.id(), id);
		model.addAttribute("integration", integration);
		model.addAttribute("form", IntegrationForm.of(integration));
		return FORM_VIEW;
	}

	@PostMapping("/{id}/edit")
	String update(@AuthenticationPrincipal AccountUser user, @PathVariable long id,
			@Valid @ModelAttribute("form") IntegrationForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		model.addAttribute("integration", integrations.get(user.id(), id));
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		try {
			integrations.update(user.id(), id, form);
		}
		catch (IntegrationService.NameTakenException ex) {
			result.rejectValue("name", "taken", ex.getMessage());
			return FORM_VIEW;
		}
		redirect.addFlashAttribute("message", "Integration saved.");
		return "redirect:/settings/integrations";
	}

	@PostMapping("/{id}/delete")
	String delete(@AuthenticationPrincipal AccountUser user, @PathVariable long id, RedirectAttributes redirect) {
		try {
			integrations.delete(user.id(), id);
			redirect.addFlashAttribute("message", "Integration deleted.");
		}
		catch (IntegrationService.InUseException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/settings/integrations";
	}

}
