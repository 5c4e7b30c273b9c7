package io.calbridge.accounts;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who an account is, for another module that must name a person other than the signed-in one (the admin's view of
 * every user's connections). Only the name and email: never the password hash or the role.
 */
@Service
public class People {

	/** A person as others may show them. */
	public record Person(long id, String displayName, String email) {
	}

	private final UserRepository users;

	People(UserRepository users) {
		this.users = users;
	}

	@Transactional(readOnly = true)
	public Optional<Person> find(long userId) {
		return users.findById(userId).map(u -> new Person(u.getId(), u.getDisplayName(), u.getEmail()));
	}

}
