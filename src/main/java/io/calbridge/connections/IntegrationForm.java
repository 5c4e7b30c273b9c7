package io.calbridge.connections;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Add or edit a Google integration. The secret is write-only: blank on edit keeps the stored one. */
class IntegrationForm {

	@NotBlank(message = "Give the integration a name")
	@Size(max = 100, message = "At most 100 characters")
	private String name;

	@NotBlank(message = "Paste the OAuth client ID from Google Cloud Console")
	@Size(max = 255, message = "At most 255 characters")
	@Pattern(regexp = "\\S+", message = "A client ID has no spaces")
	private String clientId;

	@Size(max = 255, message = "At most 255 characters")
	private String clientSecret;

	@NotNull
	private GoogleIntegration.Status status = GoogleIntegration.Status.ACTIVE;

	private Long version;

	static IntegrationForm of(GoogleIntegration integration) {
		IntegrationForm form = new IntegrationForm();
		form.name = integration.getName();
		form.clientId = integration.getClientId();
		form.status = integration.getStatus();
		form.version = integration.getVersion();
		return form;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getClientId() {
		return clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getClientSecret() {
		return clientSecret;
	}

	public void setClientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public GoogleIntegration.Status getStatus() {
		return status;
	}

	public void setStatus(GoogleIntegration.Status status) {
		this.status = status;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
