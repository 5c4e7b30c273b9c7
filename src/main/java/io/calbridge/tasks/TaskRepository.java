package io.calbridge.tasks;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface TaskRepository extends JpaRepository<CrmTask, Long>, JpaSpecificationExecutor<CrmTask> {

	/** Every lookup is scoped to its owner; a tombstone is no longer the user's task. */
	@Query("select t from CrmTask t where t.id = :id and t.userId = :userId and t.deletedAt is null")
	Optional<CrmTask> findLive(long userId, long id);

}
