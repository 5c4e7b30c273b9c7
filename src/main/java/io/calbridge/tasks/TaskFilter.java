package io.calbridge.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * What the task list shows: optional status and type, and tasks overlapping [from, to).
 */
public record TaskFilter(TaskStatus status, TaskType type, Instant from, Instant to) {

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
			return cb.and(where.toArray(Predicate[]::new));
		};
	}

}
