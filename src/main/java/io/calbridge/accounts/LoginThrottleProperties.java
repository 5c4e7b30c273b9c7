package io.calbridge.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many attempts to log in or sign up are allowed per {@link #window}; beyond them every attempt, even with the
 * right password, answers 429 until the window has passed.
 *
 * @param perAccount wrong passwords (and sign-ups) for one account from one client address
 * @param perAccountEverywhere wrong passwords (and sign-ups) for one account from every address together: bounds
 *                             a guesser who rotates addresses (an IPv6 /64, many NAT addresses); at least
 *                             {@code perAccount}
 * @param perAddress wrong passwords and sign-ups from one client address, whatever the account: higher, so an office
 *                   behind one NAT address is not locked out by a few people mistyping
 * @param window     the period every limit refills in, all at once
 */
@ConfigurationProperties("calbridge.login-throttle")
record LoginThrottleProperties(@DefaultValue("10") int perAccount, @DefaultValue("100") int perAddress,
		@DefaultValue("1m") Duration window, @DefaultValue("50") int perAccountEverywhere) {

	LoginThrottleProperties {
		perAccount = Math.max(1, perAccount);
		perAddress = Math.max(perAccount, perAddress);
		perAccountEverywhere = Math.max(perAccount, perAccountEverywhere);
		window = window.isNegative() || window.isZero() ? Duration.ofMinutes(1) : window;
	}

}
