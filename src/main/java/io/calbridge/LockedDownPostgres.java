package io.calbridge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

/**
 * The embedded PostgreSQL, locked down for a machine other people may use too:
 * <ul>
 * <li>it listens on {@code 127.0.0.1} only (no Unix socket), and every connection must log in with a password
 * ({@code scram-sha-256} in {@code pg_hba.conf}; there is no {@code trust} line);</li>
 * <li>the superuser's password is generated once and kept in {@code <data-dir>/postgres-superuser-password} (mode
 * 0600, beside the encryption key, outside PostgreSQL's own data folder), or only in memory for a temporary
 * database; it is never logged, and given to {@code initdb} as a file, never on a command line;</li>
 * <li>the app logs in as {@value #APP_ROLE}, which owns the {@code public} schema and what is in it and nothing
 * more: no superuser, so no {@code pg_read_file}, no {@code COPY … PROGRAM}. Its password is new on every start and
 * set as a SCRAM verifier computed here, so not even the server sees it in clear.</li>
 * </ul>
 * A data folder made by an earlier CalBridge (trust for everyone, the app as superuser) is upgraded in place on the
 * next start: one start with a {@code pg_hba.conf} that lets only the superuser in from {@code 127.0.0.1} to set
 * its password, then a restart with the locked-down one, then the app's objects are handed to {@value #APP_ROLE}.
 */
final class LockedDownPostgres implements Closeable {

	static final String APP_ROLE = "calbridge";

	private static final String SUPERUSER = "postgres";

	private static final String DATABASE = "postgres";

	/** Marks a pg_hba.conf written by this class; an older data folder lacks it. */
	private static final String LOCKED_HBA = """
			# Written by CalBridge on every start: a password for every connection, from 127.0.0.1 only.
			local   all   all                  scram-sha-256
			host    all   all   127.0.0.1/32   scram-sha-256
			""";

	private static final String UPGRADE_HBA = """
			# CalBridge is upgrading this data folder: only the superuser, from 127.0.0.1, to set its password.
			host    postgres   postgres   127.0.0.1/32   trust
			""";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final EmbeddedPostgres postgres;

	private final String appPassword;

	private LockedDownPostgres(EmbeddedPostgres postgres, String appPassword) {
		this.postgres = postgres;
		this.appPassword = appPassword;
	}

	/** A database kept in {@code <dataDir>/postgres}, made or upgraded as needed. */
	static LockedDownPostgres persistent(Path dataDir) throws IOException {
		Path pgData = dataDir.resolve("postgres").toAbsolutePath();
		Files.createDirectories(pgData);
		String superPassword = keptPassword(dataDir.resolve("postgres-superuser-password"));
		boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
		if (!fresh && !locked(pgData)) {
			setSuperuserPassword(pgData, superPassword);
		}
		return start(builder(superPassword, fresh).setDataDirectory(pgData).setCleanDataDirectory(false),
				superPassword);
	}

	/** A database in a temporary folder, removed on close, locked down the same way. */
	static LockedDownPostgres temporary() throws IOException {
		return start(builder(newPassword(), true), null);
	}

	private static LockedDownPostgres start(Builder builder, String keptSuperPassword) throws IOException {
		EmbeddedPostgres postgres = builder.start();
		try {
			String appPassword = newPassword();
			try (Connection superuser = connect(postgres.getPort(), SUPERUSER, builder.superPassword)) {
				ownTheSchema(superuser, appPassword);
			}
			return new LockedDownPostgres(postgres, appPassword);
		}
		catch (SQLException | RuntimeException ex) {
			postgres.close();
			throw new IllegalStateException("Could not set up the embedded PostgreSQL's application role", ex);
		}
		finally {
			builder.forgetPasswordFile();
		}
	}

	private static Builder builder(String superPassword, boolean fresh) throws IOException {
		Builder builder = new Builder(superPassword);
		builder.embedded.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("unix_socket_directories", "")
			.setServerConfig("password_encryption", "scram-sha-256")
			// zonky's own readiness check logs in as the superuser: it needs the password too.
			.setConnectConfig("password", superPassword)
			.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), LOCKED_HBA));
		if (fresh) {
			builder.embedded.setLocaleConfig("pwfile", builder.passwordFile().toString())
				.setLocaleConfig("auth", "scram-sha-256");
		}
		return builder;
	}

	/** The one start of an old data folder that sets the superuser's password; the server stops again after. */
	private static void setSuperuserPassword(Path pgData, String superPassword) throws IOException {
		EmbeddedPostgres upgrading = EmbeddedPostgres.builder()
			.setDataDirectory(pgData)
			.setCleanDataDirectory(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("unix_socket_directories", "")
			.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), UPGRADE_HBA))
			.start();
		try (Connection superuser = connect(upgrading.getPort(), SUPERUSER, null)) {
			superuser.unwrap(PGConnection.class)
				.alterUserPassword(SUPERUSER, superPassword.toCharArray(), "scram-sha-256");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set the embedded PostgreSQL's superuser password", ex);
		}
		finally {
			upgrading.close();
		}
	}

	/**
	 * Idempotent, on every start: the app role exists with exactly the rights it needs and a new password, and owns
	 * the schema and everything an older CalBridge created in it as the superuser.
	 */
	private static void ownTheSchema(Connection superuser, String appPassword) throws SQLException {
		try (Statement sql = superuser.createStatement()) {
			sql.execute("""
					do $$ begin
					  if not exists (select from pg_roles where rolname = '%1$s') then create role %1$s login; end if;
					end $$""".formatted(APP_ROLE));
			sql.execute("alter role " + APP_ROLE
					+ " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls");
			sql.execute("revoke pg_read_server_files, pg_write_server_files, pg_execute_server_program from "
					+ APP_ROLE);
			sql.execute("alter schema public owner to " + APP_ROLE);
			sql.execute("""
					do $$ declare object record; begin
					  for object in select c.oid::regclass as name, case c.relkind when 'v' then 'view'
					      when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end as kind
					    from pg_class c where c.relnamespace = 'public'::regnamespace
					      and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> '%1$s'::regrole loop
					    execute format('alter %%s %%s owner to %1$s', object.kind, object.name);
					  end loop;
					  -- sequences of serial columns moved with their tables; any left standing alone move now
					  for object in select c.oid::regclass as name from pg_class c
					    where c.relnamespace = 'public'::regnamespace and c.relkind = 'S'
					      and c.relowner <> '%1$s'::regrole loop
					    execute format('alter sequence %%s owner to %1$s', object.name);
					  end loop;
					end $$""".formatted(APP_ROLE));
		}
		superuser.unwrap(PGConnection.class).alterUserPassword(APP_ROLE, appPassword.toCharArray(), "scram-sha-256");
	}

	private static boolean locked(Path pgData) throws IOException {
		Path hba = pgData.resolve("pg_hba.conf");
		return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(LOCKED_HBA);
	}

	private static void writeHba(Path pgData, String content) {
		try {
			Files.writeString(pgData.resolve("pg_hba.conf"), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Connection connect(int port, String user, String password) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", user);
		if (password != null) {
			login.setProperty("password", password);
		}
		return DriverManager.getConnection(jdbcUrl(port), login);
	}

	private static String jdbcUrl(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	/** Made once with mode 0600 from the first byte; read on every later start. */
	private static String keptPassword(Path file) throws IOException {
		if (!Files.exists(file)) {
			String generated = newPassword();
			try {
				Files.writeString(createPrivate(file), generated, StandardCharsets.UTF_8);
			}
			catch (FileAlreadyExistsException ex) {
				// Made by a start running at the same moment: use that one.
			}
		}
		return Files.readString(file, StandardCharsets.UTF_8).strip();
	}

	private static Path createPrivate(Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try {
			return Files.createFile(file,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			return Files.createFile(file); // not a POSIX file system: the folder's permissions apply
		}
	}

	private static String newPassword() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	String jdbcUrl() {
		return jdbcUrl(postgres.getPort());
	}

	int port() {
		return postgres.getPort();
	}

	String appPassword() {
		return appPassword;
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}

	/** zonky's builder, and the superuser's password file that initdb reads once. */
	private static final class Builder {

		private final EmbeddedPostgres.Builder embedded = EmbeddedPostgres.builder();

		private final String superPassword;

		private Path passwordFile;

		private Builder(String superPassword) {
			this.superPassword = superPassword;
		}

		Builder setDataDirectory(Path dir) {
			embedded.setDataDirectory(dir);
			return this;
		}

		Builder setCleanDataDirectory(boolean clean) {
			embedded.setCleanDataDirectory(clean);
			return this;
		}

		Path passwordFile() throws IOException {
			if (passwordFile == null) {
				Path dir = Files.createTempDirectory("calbridge-initdb");
				passwordFile = createPrivate(dir.resolve("pwfile"));
				Files.writeString(passwordFile, superPassword, StandardCharsets.UTF_8);
			}
			return passwordFile;
		}

		EmbeddedPostgres start() throws IOException {
			return embedded.start();
		}

		void forgetPasswordFile() {
			if (passwordFile != null) {
				try {
					Files.deleteIfExists(passwordFile);
					Files.deleteIfExists(passwordFile.getParent());
				}
				catch (IOException ex) {
					// A temporary folder of our own, mode 0700 by default: left for the system to clean.
				}
			}
		}

	}

}
