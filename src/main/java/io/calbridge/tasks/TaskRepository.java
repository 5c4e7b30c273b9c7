package io.calbridge.tasks;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TaskRepository extends JpaRepository<CrmTask, Long>, JpaSpecificationExecutor<CrmTask> {

	/** Every lookup is scoped to its owner; a tombstone is no longer the user's task. */
	@Query("select t from CrmTask t where t.id = :id and t.userId = :userId and t.deletedAt is null")
	Optional<CrmTask> findLive(long userId, long id);

	boolean existsByUserIdAndDeletedAtIsNull(long userId);

	/**
	 * As {@link #findLive}, locked until the edit commits: the sync workers write the task's sync columns in
	 * between otherwise, and an edit flushing only what it changed would keep their SYNCED over its own PENDING.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from CrmTask t where t.id = :id and t.userId = :userId and t.deletedAt is null")
	Optional<CrmTask> findLiveForEdit(long userId, long id);

}
