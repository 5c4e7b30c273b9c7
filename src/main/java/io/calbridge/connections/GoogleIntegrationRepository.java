package io.calbridge.connections;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface GoogleIntegrationRepository extends JpaRepository<GoogleIntegration, Long> {

	@Query("select i from GoogleIntegration i where i.id = :id and i.userId = :userId")
	Optional<GoogleIntegration> findOwned(long userId, long id);

	List<GoogleIntegration> findByUserIdOrderByName(long userId);

	boolean existsByUserIdAndNameIgnoreCase(long userId, String name);

	boolean existsByUserId(long userId);

}
