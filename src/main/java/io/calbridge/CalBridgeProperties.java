package io.calbridge;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every module.
 *
 * @param dataDir   local folder for the embedded database and generated local secrets ({@code CALBRIDGE_DATA_DIR})
 * @param publicUrl the address Google and browsers reach CalBridge at ({@code CALBRIDGE_PUBLIC_URL}); empty:
 *                  {@code http://localhost:<the port the server bound>}, see {@link PublicAddress}
 */
@ConfigurationProperties("calbridge")
public record CalBridgeProperties(@DefaultValue("./.calbridge") Path dataDir,
		String publicUrl) {

	public CalBridgeProperties {
		publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
	}

}
