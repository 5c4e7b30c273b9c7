package io.calbridge.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

class SignupForm {

	@NotBlank(message = "Enter your name")
	@Size(max = 100, message = "At most 100 characters")
	private String displayName;

	@NotBlank(message = "Enter your email")
	@Email(message = "Enter a valid email address")
	@Size(max = 254, message = "At most 254 characters")
	private String email;

	// The byte limit and the guessability check are PasswordRules', which also counts characters, not UTF-16 units.
	@NotBlank(message = "Choose a password")
	@Size(max = 200, message = "At most 72 bytes")
	private String password;

	public String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

}
