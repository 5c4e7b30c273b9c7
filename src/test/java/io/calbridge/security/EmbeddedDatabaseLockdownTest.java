package io.calbridge.security;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.calbridge.CalBridgeApplication;
import io.calbridge.CalBridgeTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 3: the embedded PostgreSQL trusted every local connection as superuser, so anyone on the machine could read
 * the encryption key with {@code pg_read_file} and run shell commands with {@code COPY … FROM PROGRAM}. Over the wire
 * protocol now: no login without the right password, none from the network, and the app's own role can do neither.
 * The temporary database of the tests is locked down exactly like a kept one, and an old kept one is upgraded.
 */
@CalBridgeTest
@TestPropertySource(properties = "spring.datasource.url=") // the embedded database even if DATABASE_URL is set
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseLockdownTest {

	@Autowired
	HikariDataSource dataSource;

	@Test
	void overTheWireProtocolALoginWithoutTheRightPasswordIsRefused() throws Exception {
		String url = dataSource.getJdbcUrl();

		for (String role : List.of("postgres", "calbridge", "nobody")) {
			assertThatThrownBy(() -> login(url, role, null)).as("%s without a password (trust)", role)
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("password");
			assertThatThrownBy(() -> login(url, role, "postgres")).as("%s with a guessed password", role)
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("password authentication failed");
		}
		Optional<InetAddress> network = EmulatorReachTest.networkAddress();
		if (network.isPresent()) {
			String fromTheNetwork = url.replace("127.0.0.1", network.get().getHostAddress());
			assertThatThrownBy(() -> login(fromTheNetwork, "calbridge", dataSource.getPassword()))
				.as("PostgreSQL listens on 127.0.0.1 only")
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("Connection")
				.hasMessageContaining("refused");
		}
		try (Connection app = login(url, "calbridge", dataSource.getPassword())) {
			assertThat(app.isValid(1)).as("the app's own login still works").isTrue();
		}
	}

	@Test
	void theAppsRoleCannotReadServerFilesNorRunPrograms(@TempDir Path scratch) throws Exception {
		Path marker = scratch.resolve("ran");
		try (Connection app = login(dataSource.getJdbcUrl(), "calbridge", dataSource.getPassword());
				Statement sql = app.createStatement()) {
			assertThat(single(sql, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
			for (String role : List.of("pg_read_server_files", "pg_execute_server_program", "pg_write_server_files")) {
				assertThat(single(sql, "select pg_has_role(current_user, '" + role + "', 'member')")).as(role)
					.isEqualTo("f");
			}
			assertThat(single(sql, "select nspowner::regrole from pg_namespace where nspname = 'public'"))
				.as("it owns its schema").isEqualTo("calbridge");
			assertThat(single(sql, "select count(*) from pg_tables where schemaname = 'public' and tableowner <> "
					+ "'calbridge'")).as("and every table in it").isEqualTo("0");

			assertThatThrownBy(() -> single(sql, "select pg_read_file('/etc/passwd')")).as("pg_read_file")
				.hasMessageContaining("permission denied for function pg_read_file");
			assertThatThrownBy(() -> single(sql, "select pg_ls_dir('.')")).as("pg_ls_dir")
				.hasMessageContaining("permission denied");
			sql.execute("create temp table out (line text)");
			assertThatThrownBy(() -> sql.execute("copy out from program 'touch " + marker + "'"))
				.as("COPY … FROM PROGRAM")
				.hasMessageContaining("permission denied to COPY to or from an external program");
			assertThatThrownBy(() -> sql.execute("copy out from '/etc/passwd'")).as("COPY … FROM a server file")
				.hasMessageContaining("permission denied to COPY from a file");
		}
		assertThat(marker).as("no program ran").doesNotExist();
	}

	/**
	 * A data folder as the earlier CalBridge left it: initdb's trust for everyone, the schema migrated and owned by the
	 * superuser, the encryption key beside it. The next start hardens it in place and keeps every row.
	 */
	@Test
	void anOldTrustingDataFolderIsLockedDownInPlaceOnTheNextStart(@TempDir Path dataDir, CapturedOutput output)
			throws Exception {
		Path key = dataDir.resolve("encryption-password");
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.start()) {
			String url = "jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres";
			Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration").load().migrate();
			try (Connection superuser = login(url, "postgres", null); Statement sql = superuser.createStatement()) {
				sql.execute("insert into users (email, display_name, password_hash, role) "
						+ "values ('olga.old@example.com', 'Olga Old', 'x', 'ADMIN')");
			}
		}
		Files.writeString(key, "the-old-local-encryption-key", StandardCharsets.UTF_8);

		for (int start = 1; start <= 2; start++) { // the upgrade, then a plain start on the locked-down folder
			try (ConfigurableApplicationContext app = startOn(dataDir)) {
				HikariDataSource appData = app.getBean(HikariDataSource.class);
				JdbcTemplate jdbc = new JdbcTemplate(appData);
				assertThat(appData.getUsername()).isEqualTo("calbridge");
				assertThat(jdbc.queryForList("select email from users", String.class)).as("start %d", start)
					.contains("olga.old@example.com");
				jdbc.update("insert into users (email, display_name, password_hash) values (?, 'New', 'x')",
						"new" + start + "@example.com");
				assertThatThrownBy(() -> login(appData.getJdbcUrl(), "postgres", null)).as("trust is gone")
					.isInstanceOf(SQLException.class);
				assertThatThrownBy(() -> jdbc.queryForObject("select pg_read_file(?::text)", String.class,
						key.toAbsolutePath().toString()))
					.as("the key cannot be read through SQL")
					.rootCause()
					.hasMessageContaining("permission denied for function pg_read_file");

				Path kept = dataDir.resolve("postgres-superuser-password");
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
				String superPassword = Files.readString(kept).strip();
				try (Connection superuser = login(appData.getJdbcUrl(), "postgres", superPassword)) {
					assertThat(superuser.isValid(1)).as("the kept superuser password works").isTrue();
				}
				assertThat(output.getAll()).as("no password in the log")
					.doesNotContain(superPassword)
					.doesNotContain(appData.getPassword());
			}
		}
		assertThat(Files.readString(key)).as("the key itself untouched").isEqualTo("the-old-local-encryption-key");
	}

	private static ConfigurableApplicationContext startOn(Path dataDir) {
		return new SpringApplicationBuilder(CalBridgeApplication.class).profiles("test")
			.run("--server.port=0", "--spring.datasource.url=", "--calbridge.embedded-database.persistent=true",
					"--calbridge.data-dir=" + dataDir, "--calbridge.encryption-password=");
	}

	private static Connection login(String url, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		if (password != null) {
			properties.setProperty("password", password);
		}
		properties.setProperty("connectTimeout", "3");
		return DriverManager.getConnection(url, properties);
	}

	private static String single(Statement sql, String query) throws SQLException {
		try (var rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
