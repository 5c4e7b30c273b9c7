package io.calbridge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A form shown again with its errors answers 422, not 200: the person sees the same page, while scripts,
 * monitoring and tests can tell a refused form from a page that simply opened. One rule for every form, so no
 * controller has to remember it.
 */
@Configuration(proxyBeanMethods = false)
class FormErrorStatus implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView view) {
		if (view == null || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
			return;
		}
		boolean refused = view.getModel()
			.values()
			.stream()
			.anyMatch(value -> value instanceof BindingResult result && result.hasErrors());
		if (refused && response.getStatus() < 400) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		}
	}

}
