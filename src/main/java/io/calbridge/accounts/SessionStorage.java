package io.calbridge.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions are rows in PostgreSQL (Spring Session JDBC, tables from V9). Two requests of one session that add the
 * same attribute at once, such as a double click on a form whose answer sets a flash message, made the second
 * insert a duplicate key and a 500; Spring Session's PostgreSQL customizer turns that insert into an upsert.
 */
@Configuration(proxyBeanMethods = false)
class SessionStorage {

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpserted() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

}
