package io.calbridge;

import java.io.IOException;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL 17 inside the app when no {@code DATABASE_URL} is given, so that a JDK is all a
 * newcomer needs; locked down as {@link LockedDownPostgres} describes. With a URL, Spring Boot's own DataSource
 * takes over and this class does nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	/**
	 * @param persistent keep the data in {@code <data-dir>/postgres} across restarts; tests turn this off so
	 *                   every run starts from a clean database in a temporary folder
	 */
	@ConfigurationProperties("calbridge.embedded-database")
	record EmbeddedDatabaseProperties(@DefaultValue("true") boolean persistent) {
	}

	@Bean(destroyMethod = "close")
	LockedDownPostgres embeddedPostgres(CalBridgeProperties calbridge, EmbeddedDatabaseProperties properties)
			throws IOException {
		LockedDownPostgres postgres = properties.persistent() ? LockedDownPostgres.persistent(calbridge.dataDir())
				: LockedDownPostgres.temporary();
		log.info("Embedded PostgreSQL on 127.0.0.1:{} ({}). Set DATABASE_URL to use your own server.", postgres.port(),
				properties.persistent() ? "data in " + calbridge.dataDir().resolve("postgres") : "temporary data");
		return postgres;
	}

	/** As the application role, which owns the schema and nothing more; Flyway migrates as it too. */
	@Bean
	HikariDataSource dataSource(LockedDownPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.jdbcUrl());
		dataSource.setUsername(LockedDownPostgres.APP_ROLE);
		dataSource.setPassword(postgres.appPassword());
		dataSource.setPoolName("calbridge-embedded");
		dataSource.setMaximumPoolSize(20);
		return dataSource;
	}

}
