package io.calbridge.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a JSON endpoint as an RFC 9457 problem: a clear detail, and for bad input an
 * {@code errors} list naming each bad field. Pages keep their own HTML errors.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	record FieldProblem(String field, String message) {
	}

	@ExceptionHandler(BindException.class)
	ProblemDetail invalid(BindException ex) {
		return invalid(ex.getBindingResult());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(invalid(ex.getBindingResult()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex;
		while (cause != null && !(cause instanceof JacksonException)) {
			cause = cause.getCause();
		}
		return ResponseEntity.badRequest().body(unreadable(cause == null ? ex : cause));
	}

	@ExceptionHandler(JacksonException.class)
	ProblemDetail unreadable(Throwable cause) {
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = path(databind);
			String why = cause.getCause() instanceof IllegalArgumentException arg ? arg.getMessage()
					: "has a value of the wrong type or format";
			return withErrors(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid value for " + field),
					List.of(new FieldProblem(field, why)));
		}
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return withErrors(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid value for " + ex.getName()),
				List.of(new FieldProblem(ex.getName(), "'" + ex.getValue() + "' is not a valid value")));
	}

	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	ProblemDetail concurrentEdit(ObjectOptimisticLockingFailureException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Someone else saved this at the same moment; reload it and apply your edit again");
	}

	/** Our own exceptions say their status with {@code @ResponseStatus} and their detail in the message. */
	@ExceptionHandler(RuntimeException.class)
	ProblemDetail other(RuntimeException ex) {
		ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (status == null) {
			log.error("Unexpected error in a JSON endpoint", ex);
			return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"Something went wrong on our side; nothing was changed by the failed step");
		}
		return ProblemDetail.forStatusAndDetail(status.code(), ex.getMessage());
	}

	private static ProblemDetail invalid(BindingResult result) {
		List<FieldProblem> problems = new ArrayList<>();
		result.getFieldErrors().forEach(e -> problems.add(new FieldProblem(e.getField(), e.getDefaultMessage())));
		result.getGlobalErrors().forEach(e -> problems.add(new FieldProblem(null, e.getDefaultMessage())));
		return withErrors(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are not valid: " + String.join(", ", problems.stream()
					.map(p -> p.field() == null ? p.message() : p.field() + " " + p.message())
					.toList())), problems);
	}

	private static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
		problem.setTitle("Invalid request");
		problem.setProperties(Map.of("errors", errors));
		return problem;
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
