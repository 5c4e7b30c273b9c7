package io.calbridge.emulator;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code calbridge.emulator.enabled=false} (the prod profile) not one emulator bean may exist. */
class EmulatorSwitchTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EmulatorProperties.class)
	@ComponentScan(basePackages = "io.calbridge.emulator",
			includeFilters = @ComponentScan.Filter(classes = { Component.class, Controller.class, Configuration.class }))
	static class EmulatorPackage {

	}

	@Test
	void aDisabledEmulatorHasNoControllersFiltersOrState() {
		new WebApplicationContextRunner().withUserConfiguration(EmulatorPackage.class)
			.withPropertyValues("calbridge.emulator.enabled=false")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForAnnotation(Controller.class)).isEmpty();
				assertThat(context.getBeansOfType(jakarta.servlet.Filter.class)).isEmpty();
				assertThat(context.getBeansOfType(io.calbridge.emulator.calendar.CalendarStore.class)).isEmpty();
				assertThat(context.getBeansOfType(org.springframework.security.web.SecurityFilterChain.class)).isEmpty();
			});
	}

	@Test
	void theRootPathIsNormalisedWithSlashesAndTwoAccountsAreSeededByDefault() {
		EmulatorProperties properties = new EmulatorProperties(true, "google-emulator", java.time.Duration.ofHours(1),
				java.time.Duration.ofMinutes(10), java.time.Duration.ofSeconds(1), java.time.Duration.ofDays(7),
				new EmulatorProperties.Quota(0, 403), new EmulatorProperties.Push(3, java.time.Duration.ofMillis(200),
						java.time.Duration.ofSeconds(5)), java.util.List.of(), java.util.List.of());
		assertThat(properties.rootPath()).isEqualTo("/google-emulator/");
		assertThat(properties.accounts()).extracting(EmulatorProperties.Account::email)
			.containsExactly("ana.souza@example.com", "ben.keller@example.com");
	}

}
