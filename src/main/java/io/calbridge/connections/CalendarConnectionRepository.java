package io.calbridge.connections;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CalendarConnectionRepository extends JpaRepository<CalendarConnection, Long> {

	@Query("select c from CalendarConnection c where c.id = :id and c.userId = :userId")
	Optional<CalendarConnection> findOwned(long userId, long id);

	@Query("select c from CalendarConnection c where c.userId = :userId and lower(c.googleAccountEmail) = lower(:email)")
	Optional<CalendarConnection> findByAccount(long userId, String email);

	@Query("select c from CalendarConnection c where c.userId = :userId order by c.googleAccountEmail")
	List<CalendarConnection> findByUser(long userId);

	boolean existsByIntegrationIdAndStateNot(long integrationId, CalendarConnection.State state);

	boolean existsByIntegrationId(long integrationId);

	boolean existsByUserIdAndState(long userId, CalendarConnection.State state);

	/** Serialises token refreshes of one connection across every instance (see TokenService). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from CalendarConnection c where c.id = :id")
	Optional<CalendarConnection> lockById(long id);

}
