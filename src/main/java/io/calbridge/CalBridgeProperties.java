package io.calbridge;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every module.
 *
 * @param dataDir   local folder for the embedded database and generated local secrets ({@code CALBRIDGE_DATA_DIR})
 * @param publicUrl the address Google and browsers reach CalBridge at, no trailing slash ({@code CALBRIDGE_PUBLIC_URL})
 */
@ConfigurationProperties("calbridge")
public record CalBridgeProperties(@DefaultValue("./.calbridge") Path dataDir,
		@DefaultValue("http://localhost:8080") String publicUrl) {

	public CalBridgeProperties {
		publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

}
