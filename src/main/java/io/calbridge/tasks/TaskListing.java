package io.calbridge.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows of the task list page. It opens at today (what is ahead matters; the past is one click away), and the
 * occurrences of one recurring event are one row: an imported weekly series otherwise fills the list with 20
 * identical lines. An occurrence is told by its event id, {@code <seriesId>_<original start>} (Google's instance
 * ids); CalBridge's own ids never hold a "_".
 */
@Service
class TaskListing {

	/** Which part of time the list shows: from today on, before today (latest first), or all of it. */
	enum Period {

		UPCOMING, EARLIER, ALL;

		static Period parse(String value, boolean wholeTimeAsked) {
			for (Period period : values()) {
				if (period.name().equalsIgnoreCase(value)) {
					return period;
				}
			}
			return wholeTimeAsked ? ALL : UPCOMING;
		}

		String word() {
			return switch (this) {
				case UPCOMING -> "upcoming";
				case EARLIER -> "earlier";
				case ALL -> "in all";
			};
		}

	}

	/** One row: a task, or the occurrences of one series in the list's order (the first one shown). */
	public record Row(CrmTask task, List<CrmTask> occurrences, String repeats) {

		public boolean isSeries() {
			return occurrences.size() > 1;
		}

		public boolean anyPending() {
			return occurrences.stream().anyMatch(t -> t.getSyncState() == SyncState.PENDING);
		}

	}

	private final TaskRepository tasks;

	TaskListing(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@Transactional(readOnly = true)
	Page<Row> rows(long userId, TaskFilter filter, Period period, Instant today, int page, int size) {
		Specification<CrmTask> shown = shown(userId, filter, period, today);
		Sort order = period == Period.EARLIER ? Sort.by(Sort.Order.desc("startAt"), Sort.Order.desc("id"))
				: Sort.by("startAt", "id");
		Page<CrmTask> firsts = tasks.findAll(shown.and(firstOfItsSeries(shown, period)),
				PageRequest.of(page, size, order));
		Map<String, List<CrmTask>> series = occurrences(shown, firsts.getContent(), order);
		return firsts.map(task -> {
			List<CrmTask> all = series.getOrDefault(seriesKey(task), List.of(task));
			return new Row(task, all, repeats(all));
		});
	}

	/** How many tasks the list holds before today, for the "Earlier" link. */
	@Transactional(readOnly = true)
	long earlierCount(long userId, TaskFilter filter, Instant today) {
		return tasks.count(shown(userId, filter, Period.EARLIER, today));
	}

	private static Specification<CrmTask> shown(long userId, TaskFilter filter, Period period, Instant today) {
		Specification<CrmTask> filtered = filter.forUser(userId);
		return switch (period) {
			case UPCOMING -> filtered.and((task, query, cb) -> cb.greaterThan(task.get("endAt"), today));
			case EARLIER -> filtered.and((task, query, cb) -> cb.lessThanOrEqualTo(task.get("endAt"), today));
			case ALL -> filtered;
		};
	}

	/** Not an occurrence, or the first occurrence of its series among the tasks shown. */
	private static Specification<CrmTask> firstOfItsSeries(Specification<CrmTask> shown, Period period) {
		return (task, query, cb) -> {
			Subquery<Long> before = query.subquery(Long.class);
			Root<CrmTask> other = before.from(CrmTask.class);
			Expression<Instant> otherStart = other.get("startAt");
			Expression<Instant> start = task.get("startAt");
			Predicate earlierInOrder = period == Period.EARLIER
					? cb.or(cb.greaterThan(otherStart, start),
							cb.and(cb.equal(otherStart, start), cb.greaterThan(other.get("id"), task.get("id"))))
					: cb.or(cb.lessThan(otherStart, start),
							cb.and(cb.equal(otherStart, start), cb.lessThan(other.get("id"), task.get("id"))));
			before.select(other.get("id"))
				.where(shown.toPredicate(other, query, cb), isOccurrence(other, cb),
						cb.equal(other.get("googleCalendarId"), task.get("googleCalendarId")),
						cb.equal(seriesId(other, cb), seriesId(task, cb)), earlierInOrder);
			return cb.or(cb.not(isOccurrence(task, cb)), cb.not(cb.exists(before)));
		};
	}

	private Map<String, List<CrmTask>> occurrences(Specification<CrmTask> shown, List<CrmTask> firsts, Sort order) {
		List<CrmTask> heads = firsts.stream().filter(task -> seriesKey(task) != null).toList();
		Map<String, List<CrmTask>> series = new LinkedHashMap<>();
		if (heads.isEmpty()) {
			return series;
		}
		Specification<CrmTask> ofTheseSeries = (task, query, cb) -> cb.or(heads.stream()
			.map(head -> cb.and(cb.equal(task.get("googleCalendarId"), head.getGoogleCalendarId()),
					cb.equal(seriesId(task, cb), seriesIdOf(head.getGoogleEventId())), isOccurrence(task, cb)))
			.toArray(Predicate[]::new));
		for (CrmTask task : tasks.findAll(shown.and(ofTheseSeries), order)) {
			series.computeIfAbsent(seriesKey(task), key -> new ArrayList<>()).add(task);
		}
		return series;
	}

	private static Predicate isOccurrence(Root<CrmTask> task, CriteriaBuilder cb) {
		return cb.like(task.get("googleEventId"), "%\\_%", '\\');
	}

	private static Expression<String> seriesId(Root<CrmTask> task, CriteriaBuilder cb) {
		return cb.function("split_part", String.class, task.get("googleEventId"), cb.literal("_"), cb.literal(1));
	}

	private static String seriesIdOf(String eventId) {
		return eventId.substring(0, eventId.indexOf('_'));
	}

	/** The series a task is an occurrence of, with its calendar (ids are unique per calendar), or null. */
	private static String seriesKey(CrmTask task) {
		String eventId = task.getGoogleEventId();
		return eventId == null || eventId.indexOf('_') < 0 ? null
				: task.getGoogleCalendarId() + " " + seriesIdOf(eventId);
	}

	/** "weekly" ("daily") when the occurrences are a week (a day) apart, give or take a DST hour. */
	static String repeats(List<CrmTask> occurrences) {
		if (occurrences.size() < 2) {
			return null;
		}
		boolean weekly = true;
		boolean daily = true;
		for (int i = 1; i < occurrences.size(); i++) {
			Duration gap = Duration.between(occurrences.get(i - 1).getStartAt(), occurrences.get(i).getStartAt()).abs();
			weekly &= gap.compareTo(Duration.ofDays(7).minusHours(1)) >= 0
					&& gap.compareTo(Duration.ofDays(7).plusHours(1)) <= 0;
			daily &= gap.compareTo(Duration.ofHours(23)) >= 0 && gap.compareTo(Duration.ofHours(25)) <= 0;
		}
		return weekly ? "weekly" : daily ? "daily" : "repeating";
	}

}
