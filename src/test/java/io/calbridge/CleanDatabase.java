package io.calbridge;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Wipes and migrates the database once per test run, so a DATABASE_URL server also starts clean. */
@TestConfiguration(proxyBeanMethods = false)
public class CleanDatabase {

	@Bean
	FlywayMigrationStrategy cleanThenMigrate() {
		return flyway -> {
			flyway.clean();
			flyway.migrate();
		};
	}

}
