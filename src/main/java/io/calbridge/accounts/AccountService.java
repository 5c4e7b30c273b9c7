package io.calbridge.accounts;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountService implements UserDetailsService {

	private static final Logger log = LoggerFactory.getLogger(AccountService.class);

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	AccountService(UserRepository users, PasswordEncoder passwordEncoder) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * Signs a person up; the first account of an installation becomes its admin. An email that already has an
	 * account changes nothing, and the caller answers exactly as for a new one, so sign-up tells no one which emails
	 * have accounts. The password is hashed in both cases, so the answer also takes as long.
	 */
	@Transactional
	void signUp(SignupForm form) {
		String hash = passwordEncoder.encode(form.getPassword());
		String email = form.getEmail().strip();
		users.lockSignups();
		Optional<User> existing = users.findByEmail(email);
		if (existing.isPresent()) {
			log.info("Sign-up for the email of account {}: nothing changed", existing.get().getId());
			return;
		}
		User.Role role = users.count() == 0 ? User.Role.ADMIN : User.Role.USER;
		User user = users.save(new User(email, form.getDisplayName().strip(), hash, role));
		log.info("Account {} signed up as {}", user.getId(), role);
	}

	@Override
	@Transactional(readOnly = true)
	public AccountUser loadUserByUsername(String email) {
		if (email.indexOf('\0') >= 0) {
			// PostgreSQL refuses NUL in a query parameter; no email contains one, so it is simply no account.
			throw new UsernameNotFoundException("No account for that email");
		}
		return users.findByEmail(email.strip()).map(AccountUser::new)
			.orElseThrow(() -> new UsernameNotFoundException("No account for that email"));
	}

}
