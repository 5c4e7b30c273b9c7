package io.calbridge.accounts;

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

	/** Signs a person up; the first account of an installation becomes its admin. */
	@Transactional
	AccountUser signUp(SignupForm form) {
		users.lockSignups();
		String email = form.getEmail().strip();
		if (users.existsByEmailIgnoreCase(email)) {
			throw new EmailTakenException();
		}
		User.Role role = users.count() == 0 ? User.Role.ADMIN : User.Role.USER;
		User user = users.save(new User(email, form.getDisplayName().strip(),
				passwordEncoder.encode(form.getPassword()), role));
		log.info("Account {} signed up as {}", user.getId(), role);
		return new AccountUser(user);
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

	static class EmailTakenException extends RuntimeException {

		EmailTakenException() {
			super("An account with this email already exists");
		}

	}

}
