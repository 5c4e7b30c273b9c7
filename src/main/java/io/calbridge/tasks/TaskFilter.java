package io.calbridge.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * What the task list shows: optional status and type, tasks overlapping [from, to), and, when any are given, only
 * tasks in one of the sync states (the "needs attention" link asks for FAILED and CONFLICT together).
 */
record TaskFilter(TaskStatus status, TaskType type, Instant from, Instant to, Set<SyncState> syncStates) {

	public TaskFilter {
		syncStates = syncStates == null ? Set.of() : Set.copyOf(syncStates);
	}

	Specification<CrmTask> forUser(long userId) {
		return (task, query, cb) -> {
			List<Predicate> where = new ArrayList<>();
			where.add(cb.equal(task.get("userId"), userId));
			where.add(cb.isNull(task.get("deletedAt")));
			if (status != null) {
				where.add(cb.equal(task.get("status"), status));
			}
			if (type != null) {
				where.add(cb.equal(task.get("type"), type));
			}
			if (from != null) {
				where.add(cb.greaterThan(task.get("endAt"), from));
			}
			if (to != null) {
				where.add(cb.lessThan(task.get("startAt"), to));
			}
			if (!syncStates.isEmpty()) {
				where.add(task.get("syncState").in(syncStates));
			}
			return cb.and(where.toArray(Predicate[]::new));
		};
	}

}
