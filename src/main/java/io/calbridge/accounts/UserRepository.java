package io.calbridge.accounts;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface UserRepository extends Repository<User, Long> {

	@Query("select u from User u where lower(u.email) = lower(:email)")
	Optional<User> findByEmail(String email);

	Optional<User> findById(Long id);

	boolean existsByEmailIgnoreCase(String email);

	long count();

	User save(User user);

	/** Serialises sign-ups for the transaction, so exactly one "first account" becomes the admin. */
	@Query(value = "select pg_advisory_xact_lock(7301)", nativeQuery = true)
	void lockSignups();

}
