package io.calbridge.tasks;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;

/**
 * The task form's validators, minus their errors on fields the binder could not read: a start date of 2026-02-30
 * says "enter a date like 2026-11-23" once, not also "enter a start date" for the empty value the failed binding
 * left. Every other error of every validator is kept, so all the form's mistakes still show at once.
 */
final class SkipUnreadableFields implements Validator {

	private final List<Validator> delegates;

	SkipUnreadableFields(List<Validator> delegates) {
		this.delegates = List.copyOf(delegates);
	}

	@Override
	public boolean supports(Class<?> type) {
		return true;
	}

	@Override
	public void validate(Object target, Errors errors) {
		BeanPropertyBindingResult found = new BeanPropertyBindingResult(target, errors.getObjectName());
		delegates.stream().filter(v -> v.supports(target.getClass())).forEach(v -> v.validate(target, found));
		copyReadable(found, errors);
	}

	/** Adds {@code found}'s errors to {@code errors}, except those on a field {@code errors} could not bind. */
	static void copyReadable(Errors found, Errors errors) {
		Set<String> unreadable = errors.getFieldErrors()
			.stream()
			.filter(FieldError::isBindingFailure)
			.map(FieldError::getField)
			.collect(Collectors.toSet());
		found.getFieldErrors()
			.stream()
			.filter(e -> !unreadable.contains(e.getField()))
			.forEach(e -> ((org.springframework.validation.BindingResult) errors).addError(e));
		found.getGlobalErrors().forEach(e -> ((org.springframework.validation.BindingResult) errors).addError(e));
	}

}
