package io.calbridge.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	@GetMapping("/")
	String home(Principal principal) {
		return principal == null ? "home" : "redirect:/tasks";
	}

}
