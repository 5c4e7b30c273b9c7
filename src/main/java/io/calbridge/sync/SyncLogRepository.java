package io.calbridge.sync;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SyncLogRepository extends JpaRepository<SyncLogEntry, Long> {

	@Query("select e from SyncLogEntry e where e.taskId = :taskId and e.userId = :userId order by e.at desc, e.id desc")
	List<SyncLogEntry> forTask(long userId, long taskId, PageRequest page);

	@Query("select e from SyncLogEntry e where e.connectionId = :connectionId and e.outcome = 'FAILED' "
			+ "order by e.at desc, e.id desc")
	List<SyncLogEntry> lastFailures(long connectionId, PageRequest page);

	@Modifying
	@Query("delete from SyncLogEntry e where e.at < :before")
	int deleteOlderThan(Instant before);

}
