package io.calbridge.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Brute-force protection for form login, HTTP Basic and sign-up: attempts are counted per account from one client
 * address, per account from every address (so rotating addresses gains a bounded number of guesses) and per address;
 * once any count reaches its limit, every further attempt of that kind is refused with 429 and {@code Retry-After}
 * until the window has passed, even one with the right password, so guessing gains nothing by going on. Each attempt
 * is taken before its password is checked and given back when it logs in, so only wrong passwords count.
 * <p>
 * The buckets are Bucket4j's, kept in PostgreSQL ({@code login_throttle}), so several instances behind a load balancer
 * count the same attempts; they follow the app's {@link Clock}. Keys are hashed: the table holds no email or address.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** The page that says "too many attempts"; the form-login filter forwards a refused post there. */
	static final String REFUSED_LOGIN_PATH = "/login/throttled";

	static final String RETRY_AFTER_ATTRIBUTE = LoginThrottle.class.getName() + ".retryAfter";

	private static final String CHARGE_ATTRIBUTE = LoginThrottle.class.getName() + ".charge";

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final BucketConfiguration perAccount;

	private final BucketConfiguration perAddress;

	private final BucketConfiguration perAccountEverywhere;

	LoginThrottle(DataSource dataSource, Clock clock, LoginThrottleProperties properties) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("login_throttle")
			.clientClock(new ClockTime(clock))
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build();
		this.perAccount = limit(properties.perAccount(), properties.window());
		this.perAddress = limit(properties.perAddress(), properties.window());
		this.perAccountEverywhere = limit(properties.perAccountEverywhere(), properties.window());
	}

	/**
	 * Takes one attempt to log in for this account from this address, before the password is checked, or says how
	 * long to wait. Taking first is what makes the limit hold for a burst of parallel attempts: checking first and
	 * counting after the hash let every attempt of the burst past the check.
	 */
	Charge login(String account, String address) {
		return charge("login", account, address);
	}

	/**
	 * A sign-up counts whatever its outcome: each one costs a password hash and may probe an email. Counted per email
	 * apart from logins, so signing up is not one of the account's wrong passwords.
	 */
	Optional<Duration> signUp(String email, String address) {
		return charge("signup", email, address).refusal();
	}

	/**
	 * One token from each bucket, or none: a bucket that refuses gives back what the ones before it took, so an
	 * attempt that was never checked costs nothing.
	 */
	private Charge charge(String kind, String account, String address) {
		List<BucketProxy> taken = new ArrayList<>();
		for (BucketProxy bucket : List.of(bucket(kind, account + "\n" + address, perAccount),
				bucket(kind + "-everywhere", account, perAccountEverywhere), bucket("address", address, perAddress))) {
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				taken.forEach(given -> given.addTokens(1));
				return new Charge(List.of(), Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill())));
			}
			taken.add(bucket);
		}
		return new Charge(List.copyOf(taken), Optional.empty());
	}

	/**
	 * The attempt taken from each bucket, or, if refused, how long to wait.
	 *
	 * @param taken   the buckets one attempt was taken from; empty when refused
	 * @param refusal how long until the bucket that refused has room again
	 */
	record Charge(List<BucketProxy> taken, Optional<Duration> refusal) {

		/** The right password costs nothing: a person who logs in is not one step nearer being locked out. */
		void giveBack() {
			taken.forEach(bucket -> bucket.addTokens(1));
		}

	}

	/** Rows of buckets that are full again are the same as no row; removed in batches, several instances at once. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	void forgetRefilledBuckets() {
		int removed;
		do {
			removed = buckets.removeExpired(1000);
		}
		while (removed == 1000);
	}

	/** Before form login's own filter: a refused post is answered by the login page with 429. */
	OncePerRequestFilter formLogins() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
					Charge charge = login(orEmpty(request.getParameter("username")), request.getRemoteAddr());
					Optional<Duration> wait = charge.refusal();
					if (wait.isPresent()) {
						log.warn("Login refused: too many wrong passwords for one account or from one address");
						request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds(wait.get()));
						request.getRequestDispatcher(REFUSED_LOGIN_PATH).forward(request, response);
						return;
					}
					chargedUnlessLoggedIn(charge, request, response, chain);
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/** Before HTTP Basic's own filter: a refused call is a 429 problem. */
	OncePerRequestFilter basicLogins() {
		BasicAuthenticationConverter credentials = new BasicAuthenticationConverter();
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String account;
				try {
					var sent = credentials.convert(request);
					account = sent == null ? null : sent.getName();
				}
				catch (RuntimeException malformed) {
					account = null; // Basic's own filter answers it with 401
				}
				if (account == null) {
					chain.doFilter(request, response);
					return;
				}
				Charge charge = login(account, request.getRemoteAddr());
				Optional<Duration> wait = charge.refusal();
				if (wait.isPresent()) {
					log.warn("API call refused: too many wrong passwords for one account or from one address");
					long seconds = seconds(wait.get());
					response.setStatus(429);
					response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
					response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
					response.setCharacterEncoding("UTF-8");
					response.getWriter()
						.write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
								+ "\"detail\":\"Too many wrong passwords: try again in " + seconds + " seconds\"}");
					return;
				}
				request.setAttribute(CHARGE_ATTRIBUTE, charge);
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * After HTTP Basic's own filter: the call logged in, so its attempt is given back before the call itself runs. An
	 * API client's parallel calls must not hold the account's attempts while they run, or the eleventh would be 429.
	 */
	OncePerRequestFilter basicLoginsChecked() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (request.getAttribute(CHARGE_ATTRIBUTE) instanceof Charge charge && loggedIn()) {
					request.removeAttribute(CHARGE_ATTRIBUTE);
					charge.giveBack();
				}
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * Runs form login's own filter, which answers a login with a redirect and ends the chain, and gives the attempt
	 * back if it logged the caller in.
	 */
	private static void chargedUnlessLoggedIn(Charge charge, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (loggedIn()) {
				charge.giveBack();
			}
		}
	}

	/** Form login and HTTP Basic both leave a successful login in the security context and clear it on a failure. */
	private static boolean loggedIn() {
		Authentication outcome = SecurityContextHolder.getContext().getAuthentication();
		return outcome != null && outcome.isAuthenticated() && !(outcome instanceof AnonymousAuthenticationToken);
	}

	/** Whole seconds, rounded up, never 0: {@code Retry-After: 0} would invite an immediate retry. */
	static long seconds(Duration wait) {
		return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
	}

	private BucketProxy bucket(String kind, String key, BucketConfiguration limit) {
		return buckets.getProxy(hash(kind + ":" + key.strip().toLowerCase(Locale.ROOT)), () -> limit);
	}

	private static BucketConfiguration limit(int attempts, Duration window) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(attempts).refillIntervally(attempts, window).build())
			.build();
	}

	private static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	private static String orEmpty(String text) {
		return text == null ? "" : text;
	}

	/** Bucket4j's time, read from the app's clock, so tests move it instead of sleeping. */
	private record ClockTime(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
