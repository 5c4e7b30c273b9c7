package io.calbridge.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs to know. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

	private final boolean emulatorEnabled;

	LayoutAdvice(@Value("${calbridge.emulator.enabled:false}") boolean emulatorEnabled) {
		this.emulatorEnabled = emulatorEnabled;
	}

	/** The layout shows a banner when Google is played by the built-in emulator, so nobody mistakes it for Google. */
	@ModelAttribute("emulatorEnabled")
	boolean emulatorEnabled() {
		return emulatorEnabled;
	}

}
