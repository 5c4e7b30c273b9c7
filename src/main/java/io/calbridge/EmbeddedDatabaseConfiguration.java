package io.calbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL 17 inside the app when no {@code DATABASE_URL} is given, so that a JDK is all a
 * newcomer needs. With a URL, Spring Boot's own DataSource takes over and this class does nothing.
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
	EmbeddedPostgres embeddedPostgres(CalBridgeProperties calbridge, EmbeddedDatabaseProperties properties)
			throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		if (properties.persistent()) {
			Path dataDir = calbridge.dataDir().resolve("postgres").toAbsolutePath();
			Files.createDirectories(dataDir);
			builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL on port {} ({}). Set DATABASE_URL to use your own server.", postgres.getPort(),
				properties.persistent() ? "data in " + calbridge.dataDir().resolve("postgres") : "temporary data");
		return postgres;
	}

	@Bean
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setPoolName("calbridge-embedded");
		dataSource.setMaximumPoolSize(20);
		return dataSource;
	}

}
