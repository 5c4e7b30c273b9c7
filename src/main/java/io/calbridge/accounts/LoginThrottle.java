package io.calbridge.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
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

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Brute-force protection for form login, HTTP Basic and sign-up: wrong passwords (and sign-ups) are counted per
 * account from one client address and per address; once either count reaches its limit, every further attempt of
 * that kind is refused with 429 and {@code Retry-After} until the window has passed, even one with the right password,
 * so guessing gains nothing by going on.
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

	private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

	private final BucketConfiguration perAccount;

	private final BucketConfiguration perAddress;

	LoginThrottle(DataSource dataSource, Clock clock, LoginThrottleProperties properties) {
		this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("login_throttle")
			.clientClock(new ClockTime(clock))
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
			.build();
		this.perAccount = limit(properties.perAccount(), properties.window());
		this.perAddress = limit(properties.perAddress(), properties.window());
	}

	/** How long the caller must wait before another login for this account from this address, if at all. */
	Optional<Duration> refusal(String account, String address) {
		return refusal("login", account, address);
	}

	/**
	 * A sign-up counts whatever its outcome: each one costs a password hash and may probe an email. Counted per email
	 * apart from logins, so signing up is not one of the account's wrong passwords.
	 */
	Optional<Duration> signUp(String email, String address) {
		Optional<Duration> refusal = refusal("signup", email, address);
		if (refusal.isEmpty()) {
			attempted("signup", email, address);
		}
		return refusal;
	}

	private Optional<Duration> refusal(String kind, String account, String address) {
		EstimationProbe byAccount = bucket(kind, account + "\n" + address, perAccount).estimateAbilityToConsume(1);
		EstimationProbe byAddress = bucket("address", address, perAddress).estimateAbilityToConsume(1);
		long wait = Math.max(byAccount.canBeConsumed() ? 0 : byAccount.getNanosToWaitForRefill(),
				byAddress.canBeConsumed() ? 0 : byAddress.getNanosToWaitForRefill());
		return wait == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait));
	}

	private void attempted(String kind, String account, String address) {
		bucket(kind, account + "\n" + address, perAccount).tryConsume(1);
		bucket("address", address, perAddress).tryConsume(1);
	}

	/** Form login and HTTP Basic both report a wrong password (or an unknown email) as this event. */
	@EventListener
	void wrongPassword(AuthenticationFailureBadCredentialsEvent failure) {
		if (failure.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			attempted("login", failure.getAuthentication().getName(), details.getRemoteAddress());
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
					Optional<Duration> wait = refusal(orEmpty(request.getParameter("username")), request.getRemoteAddr());
					if (wait.isPresent()) {
						log.warn("Login refused: too many wrong passwords for one account or from one address");
						request.setAttribute(RETRY_AFTER_ATTRIBUTE, seconds(wait.get()));
						request.getRequestDispatcher(REFUSED_LOGIN_PATH).forward(request, response);
						return;
					}
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
				Optional<Duration> wait = account == null ? Optional.empty() : refusal(account, request.getRemoteAddr());
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
				chain.doFilter(request, response);
			}
		};
	}

	/** Whole seconds, rounded up, never 0: {@code Retry-After: 0} would invite an immediate retry. */
	static long seconds(Duration wait) {
		return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
	}

	private io.github.bucket4j.distributed.BucketProxy bucket(String kind, String key, BucketConfiguration limit) {
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
