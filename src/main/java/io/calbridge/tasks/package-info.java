/**
 * Tasks: the CRM task, its pages and {@code /api/tasks}. Owns {@code crm_tasks}. Knows the person through
 * {@code accounts} and nothing else: the calendar choices it offers come from an implementation in {@code sync}
 * ({@link io.calbridge.tasks.CalendarChoices}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts" })
package io.calbridge.tasks;
