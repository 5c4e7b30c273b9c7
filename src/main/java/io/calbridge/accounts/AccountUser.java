package io.calbridge.accounts;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The logged-in person as every module sees it. Controllers take it with
 * {@code @AuthenticationPrincipal AccountUser user} and scope every lookup to {@link #id()}.
 */
public class AccountUser extends org.springframework.security.core.userdetails.User {

	private final long id;

	private final String displayName;

	AccountUser(User user) {
		super(user.getEmail(), user.getPasswordHash(),
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name())));
		this.id = user.getId();
		this.displayName = user.getDisplayName();
	}

	public long id() {
		return id;
	}

	public String displayName() {
		return displayName;
	}

	public String email() {
		return getUsername();
	}

	public boolean isAdmin() {
		return getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
	}

}
