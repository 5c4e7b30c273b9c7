package io.calbridge.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The integration's info page, public like a marketplace listing. */
@Controller
class MarketplaceController {

	@GetMapping("/marketplace/google-calendar")
	String googleCalendar() {
		return "marketplace/google-calendar";
	}

}
