package io.calbridge.google;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Google is. Google's own addresses in {@code prod}; in the local default the built-in emulator's,
 * written as paths ("/emulator/google/token") that mean "this app itself".
 *
 * @param authorizationUri the consent page the browser is sent to
 * @param tokenUri         code exchange and refresh
 * @param revokeUri        revokes a whole grant ({@code ?token=})
 * @param userInfoUri      the account's email
 * @param calendarRootUrl  root of the Calendar API; calls go to {@code <root>calendar/v3/…}
 * @param scopes           what CalBridge asks for: the calendar, and the account's email
 * @param emulatorAdminUrl the emulator's admin API, used by "Use the built-in Google emulator"
 */
@ConfigurationProperties("calbridge.google")
public record GoogleProperties(@DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") String authorizationUri,
		@DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
		@DefaultValue("https://oauth2.googleapis.com/revoke") String revokeUri,
		@DefaultValue("https://openidconnect.googleapis.com/v1/userinfo") String userInfoUri,
		@DefaultValue("https://www.googleapis.com/") String calendarRootUrl,
		@DefaultValue({ "openid", "email", "https://www.googleapis.com/auth/calendar" }) List<String> scopes,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("/emulator/admin/") String emulatorAdminUrl) {
}
