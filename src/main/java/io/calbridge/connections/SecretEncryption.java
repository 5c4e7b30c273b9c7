package io.calbridge.connections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.jasypt.encryption.StringEncryptor;
import org.jasypt.encryption.pbe.PooledPBEStringEncryptor;
import org.jasypt.iv.RandomIvGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.calbridge.CalBridgeProperties;

/**
 * The one encryptor for secrets at rest (client secrets, OAuth tokens), also jasypt's own for {@code ENC(…)}
 * properties. The password comes from {@code CALBRIDGE_ENCRYPTION_PASSWORD}; in {@code prod} it must. Locally a
 * random one is made once and kept in the data folder, so a newcomer needs no setup and restarts can still
 * decrypt.
 */
@Configuration(proxyBeanMethods = false)
class SecretEncryption {

	private static final Logger log = LoggerFactory.getLogger(SecretEncryption.class);

	@Bean("jasyptStringEncryptor")
	StringEncryptor jasyptStringEncryptor(@Value("${calbridge.encryption-password:}") String password,
			CalBridgeProperties calbridge, Environment environment) throws IOException {
		PooledPBEStringEncryptor encryptor = new PooledPBEStringEncryptor();
		encryptor.setPoolSize(2);
		encryptor.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
		encryptor.setIvGenerator(new RandomIvGenerator());
		encryptor.setKeyObtentionIterations(1000);
		encryptor.setPassword(password.isBlank() ? localPassword(calbridge.dataDir(), environment) : password);
		return encryptor;
	}

	private static String localPassword(Path dataDir, Environment environment) throws IOException {
		if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
			throw new IllegalStateException("CALBRIDGE_ENCRYPTION_PASSWORD is not set. In production CalBridge needs "
					+ "it to encrypt OAuth tokens and client secrets: set it to a long random value and keep it safe "
					+ "(losing it means every user must reconnect).");
		}
		Path file = dataDir.resolve("encryption-password");
		if (Files.exists(file)) {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		Files.createDirectories(dataDir);
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Files.writeString(file, generated, StandardCharsets.UTF_8);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the file keeps the folder's permissions.
		}
		log.warn("No CALBRIDGE_ENCRYPTION_PASSWORD set: generated one and kept it in {}. Fine for local use; "
				+ "set the variable in production.", file.toAbsolutePath());
		return generated;
	}

}
