package io.calbridge.emulator;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the built-in Google Calendar and OAuth emulator ({@code calbridge.emulator.*}).
 *
 * @param enabled                  serve the emulator at all; the {@code prod} profile turns it off
 * @param rootPath                 where Google's paths hang, with leading and trailing slash
 * @param accessTokenLifetime      {@code expires_in} of issued access tokens (Google: 3600 s)
 * @param authorizationCodeLifetime how long a code from the consent page can be exchanged
 * @param conferenceCreationDelay  how long a Meet {@code createRequest} stays {@code pending}
 * @param defaultChannelTtl        channel lifetime when {@code params.ttl} is not given (Google: 604800 s)
 * @param quota                    optional per-account rate limit
 * @param push                     webhook delivery
 * @param accounts                 the Google accounts that exist in the emulator (each gets a primary and a
 *                                 secondary calendar, and sees the read-only holiday calendar)
 * @param clients                  OAuth clients that exist after every reset
 */
@ConfigurationProperties("calbridge.emulator")
public record EmulatorProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("/emulator/google/") String rootPath,
		@DefaultValue("3600s") Duration accessTokenLifetime,
		@DefaultValue("10m") Duration authorizationCodeLifetime,
		@DefaultValue("1s") Duration conferenceCreationDelay,
		@DefaultValue("7d") Duration defaultChannelTtl,
		@DefaultValue Quota quota,
		@DefaultValue Push push,
		@DefaultValue List<Account> accounts,
		@DefaultValue List<Client> clients) {

	public EmulatorProperties {
		rootPath = normalizeRoot(rootPath);
		accounts = accounts.isEmpty() ? List.of(
				new Account("ana.souza@example.com", "Ana Souza", "America/Sao_Paulo", "Ana — Client meetings"),
				new Account("ben.keller@example.com", "Ben Keller", "Europe/Berlin", "Ben — Field visits"))
				: List.copyOf(accounts);
		clients = List.copyOf(clients);
	}

	private static String normalizeRoot(String root) {
		String r = root.startsWith("/") ? root : "/" + root;
		return r.endsWith("/") ? r : r + "/";
	}

	/**
	 * @param requestsPerMinute 0 turns the limit off (the default); Google publishes 600 per user per minute
	 * @param status            403 (Google's usual {@code rateLimitExceeded}) or 429
	 */
	public record Quota(@DefaultValue("0") int requestsPerMinute, @DefaultValue("403") int status) {
	}

	/**
	 * @param retries       how often a 500/502/503/504 answer is retried, as Google does
	 * @param firstBackoff  wait before the first retry; doubles each time
	 * @param timeout       connect and read timeout of one delivery
	 */
	public record Push(@DefaultValue("3") int retries, @DefaultValue("200ms") Duration firstBackoff,
			@DefaultValue("5s") Duration timeout) {
	}

	public record Account(String email, String name, @DefaultValue("UTC") String timeZone,
			String secondaryCalendar) {
	}

	public record Client(String clientId, String clientSecret, @DefaultValue List<String> redirectUris) {
	}

}
