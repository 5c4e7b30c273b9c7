package io.calbridge.tasks;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Query parameters read the enums as the JSON does ("in_progress"), and as the pages send them ("IN_PROGRESS"). */
@Configuration(proxyBeanMethods = false)
class TaskWebConfiguration implements WebMvcConfigurer {

	@Override
	public void addFormatters(FormatterRegistry registry) {
		// An empty filter ("Any status") means no filter.
		registry.addConverter(String.class, TaskType.class, s -> s.isBlank() ? null : TaskType.fromJson(s));
		registry.addConverter(String.class, TaskPriority.class, s -> s.isBlank() ? null : TaskPriority.fromJson(s));
		registry.addConverter(String.class, TaskStatus.class, s -> s.isBlank() ? null : TaskStatus.fromJson(s));
		registry.addConverter(String.class, SyncState.class, s -> s.isBlank() ? null : JsonEnums.parse(SyncState.class, s));
	}

}
