package io.calbridge.google;

import java.util.List;

import org.springframework.stereotype.Component;

import io.calbridge.PublicAddress;

/** Google's addresses as absolute URLs: the browser-facing one public, the rest as the server reaches them. */
@Component
public class GoogleEndpoints {

	private final GoogleProperties properties;

	private final PublicAddress address;

	GoogleEndpoints(GoogleProperties properties, PublicAddress address) {
		this.properties = properties;
		this.address = address;
	}

	public String authorizationUri() {
		return address.resolvePublic(properties.authorizationUri());
	}

	public String tokenUri() {
		return address.resolveLocal(properties.tokenUri());
	}

	public String revokeUri() {
		return address.resolveLocal(properties.revokeUri());
	}

	public String userInfoUri() {
		return address.resolveLocal(properties.userInfoUri());
	}

	public String calendarRootUrl() {
		String root = address.resolveLocal(properties.calendarRootUrl());
		return root.endsWith("/") ? root : root + "/";
	}

	public String emulatorAdminUrl() {
		String admin = address.resolveLocal(properties.emulatorAdminUrl());
		return admin.endsWith("/") ? admin : admin + "/";
	}

	public List<String> scopes() {
		return properties.scopes();
	}

	/** The redirect URI to register in Google Cloud Console; Google compares it exactly. */
	public String redirectUri() {
		return address.publicUrl() + "/settings/calendar/callback";
	}

	/** The push notification address; Google requires https here in production. */
	public String webhookUrl() {
		return address.publicUrl() + "/webhooks/google-calendar";
	}

}
