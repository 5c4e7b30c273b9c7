package io.calbridge.web;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Every form of the pages refuses text with a NUL character, with a message on the field. PostgreSQL cannot store
 * NUL in text ({@code invalid byte sequence for encoding "UTF8": 0x00}), so without this rule such a post ended in
 * a 500 from the database instead of a form that says what is wrong. Text with half a surrogate pair is refused
 * the same way rather than stored changed. The JSON API checks the same in its own
 * request types.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class TextInputRules {

	static final String MESSAGE = "Remove the invisible NUL character from this text";

	static final String UNICODE_MESSAGE = "This text is not valid Unicode (half of a surrogate pair): type it again";

	/** Added to every binder: a form object is often made after this runs (constructor binding), so no target yet. */
	@InitBinder
	void refuseNulCharacters(WebDataBinder binder) {
		binder.addValidators(new NoNulCharacters());
	}

	/** Half a surrogate pair cannot be written as UTF-8: PostgreSQL's driver would store "?" instead, silently. */
	static boolean hasLoneSurrogate(String text) {
		// codePoints() pairs what can be paired; a surrogate left over is half a pair.
		return text.codePoints().anyMatch(point -> Character.getType(point) == Character.SURROGATE);
	}

	/** Looks at every readable String property of a form object. */
	static class NoNulCharacters implements Validator {

		@Override
		public boolean supports(Class<?> type) {
			return true;
		}

		@Override
		public void validate(Object target, Errors errors) {
			if (target == null) {
				return;
			}
			BeanWrapper form = PropertyAccessorFactory.forBeanPropertyAccess(target);
			for (var property : form.getPropertyDescriptors()) {
				if (property.getPropertyType() == String.class && form.isReadableProperty(property.getName())
						&& form.getPropertyValue(property.getName()) instanceof String text) {
					if (text.indexOf('\0') >= 0) {
						errors.rejectValue(property.getName(), "nul", MESSAGE);
					}
					else if (hasLoneSurrogate(text)) {
						errors.rejectValue(property.getName(), "unicode", UNICODE_MESSAGE);
					}
				}
			}
		}

	}

}
