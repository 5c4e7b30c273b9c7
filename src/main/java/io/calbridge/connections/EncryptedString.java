package io.calbridge.connections;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jasypt.encryption.StringEncryptor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Encrypts a column on its way into the database and decrypts it on the way out (Hibernate takes it from Spring). */
@Component
@Converter
class EncryptedString implements AttributeConverter<String, String> {

	private final StringEncryptor encryptor;

	EncryptedString(@Qualifier("jasyptStringEncryptor") StringEncryptor encryptor) {
		this.encryptor = encryptor;
	}

	@Override
	public String convertToDatabaseColumn(String plain) {
		return plain == null ? null : encryptor.encrypt(plain);
	}

	@Override
	public String convertToEntityAttribute(String stored) {
		return stored == null ? null : encryptor.decrypt(stored);
	}

}
