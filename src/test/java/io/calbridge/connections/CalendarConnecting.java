package io.calbridge.connections;

import io.calbridge.WebClient;

/** The connect steps of {@link ConnectCalendarTest}, for tests in other packages (security, browser). */
public final class CalendarConnecting {

	private CalendarConnecting() {
	}

	/** "Use the built-in Google emulator" on Settings → Integrations; the new integration's id. */
	public static long addEmulatorIntegration(WebClient person) {
		return ConnectCalendarTest.addEmulatorIntegration(person);
	}

	/** Connect, then on the emulator's consent page choose {@code account} and Allow; the page landed on. */
	public static WebClient.Response connect(WebClient person, long integration, String account) {
		return ConnectCalendarTest.allowOnConsentPage(person, ConnectCalendarTest.startConnect(person, integration),
				account);
	}

	/** Connect, and follow to the emulator's consent page (not answered yet). */
	public static WebClient.Response openConsentPage(WebClient person, long integration) {
		return person.follow(ConnectCalendarTest.startConnect(person, integration));
	}

	/** The emulator's own record of a client's secret, as Google Cloud Console would show it. */
	public static String emulatorClientSecret(int port, String clientId) {
		return new EmulatorAccess(port).clientSecret(clientId);
	}

}
