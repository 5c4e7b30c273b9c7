package io.calbridge.emulator;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.BasicAuthentication;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.gson.JsonObject;
import io.calbridge.CalBridgeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.calbridge.emulator.EmulatorClient.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@CalBridgeTest
class OAuthFlowTest {

	static final String CALLBACK = "http://localhost:8080/connections/google/callback";

	static final String SCOPES = "openid email https://www.googleapis.com/auth/calendar";

	@LocalServerPort
	int port;

	EmulatorClient emulator;

	ConsentBrowser browser;

	String clientId;

	String clientSecret;

	@BeforeEach
	void setUp() {
		emulator = new EmulatorClient(port);
		emulator.reset();
		browser = new ConsentBrowser(emulator);
		JsonObject client = emulator.admin("POST", "clients", "{\"redirectUris\":[\"" + CALLBACK + "\"]}").getAsJsonObject();
		clientId = client.get("client_id").getAsString();
		clientSecret = client.get("client_secret").getAsString();
	}

	private Map<String, String> authorization(String accessType, String prompt) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("client_id", clientId);
		p.put("redirect_uri", CALLBACK);
		p.put("response_type", "code");
		p.put("scope", SCOPES);
		p.put("state", "csrf-7f3a9c");
		p.put("login_hint", BEN);
		if (accessType != null) {
			p.put("access_type", accessType);
		}
		if (prompt != null) {
			p.put("prompt", prompt);
		}
		return p;
	}

	private String allow(Map<String, String> params) throws Exception {
		HttpResponse<String> page = browser.open(params);
		assertThat(page.statusCode()).isEqualTo(200);
		URI back = browser.decide(page, BEN, "allow");
		Map<String, String> query = ConsentBrowser.query(back);
		assertThat(query).containsEntry("state", "csrf-7f3a9c");
		return query.get("code");
	}

	private AuthorizationCodeTokenRequest exchange(String code) {
		return new AuthorizationCodeTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
				new GenericUrl(emulator.root() + "token"), code).setRedirectUri(CALLBACK)
			.setClientAuthentication(new ClientParametersAuthentication(clientId, clientSecret));
	}

	private RefreshTokenRequest refresh(String refreshToken) {
		return new RefreshTokenRequest(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
				new GenericUrl(emulator.root() + "token"), refreshToken)
			.setClientAuthentication(new ClientParametersAuthentication(clientId, clientSecret));
	}

	@Test
	void theCodeFlowGivesTokensThatOpenTheCalendarAndRefreshWorksUntilRevoked() throws Exception {
		HttpResponse<String> page = browser.open(authorization("offline", "consent"));
		assertThat(page.body()).contains("Ben Keller").contains("Ana Souza")
			.contains("See, edit, share, and permanently delete all the calendars");

		URI back = browser.decide(page, BEN, "allow");
		assertThat(back.toString()).startsWith(CALLBACK + "?");
		String code = ConsentBrowser.query(back).get("code");
		TokenResponse tokens = exchange(code).execute();

		assertThat(tokens.getAccessToken()).startsWith("ya29.");
		assertThat(tokens.getRefreshToken()).isNotBlank();
		assertThat(tokens.getExpiresInSeconds()).isBetween(3590L, 3600L);
		assertThat(tokens.getTokenType()).isEqualTo("Bearer");
		assertThat(tokens.get("id_token")).isNotNull();
		assertThat(emulator.calendar(tokens.getAccessToken()).calendarList().list().execute().getItems().get(0).getId())
			.isEqualTo(BEN);

		assertThatThrownBy(() -> exchange(code).execute()).as("a code is good once")
			.isInstanceOfSatisfying(TokenResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(400);
				assertThat(e.getDetails().getError()).isEqualTo("invalid_grant");
			});

		TokenResponse refreshed = refresh(tokens.getRefreshToken()).execute();
		assertThat(refreshed.getAccessToken()).isNotEqualTo(tokens.getAccessToken());
		assertThat(refreshed.getRefreshToken()).isNull();
		JsonObject log = emulator.admin("GET", "requests", null).getAsJsonObject();
		assertThat(log.getAsJsonObject("byEndpoint").get("oauth2.token.refresh_token").getAsInt()).isEqualTo(1);
		assertThat(log.getAsJsonObject("byEndpoint").get("oauth2.token.authorization_code").getAsInt()).isEqualTo(2);

		var revoke = emulator.send(java.net.http.HttpRequest.newBuilder(
				URI.create(emulator.root() + "revoke?token=" + refreshed.getAccessToken()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
		assertThat(revoke.statusCode()).isEqualTo(200);
		assertThatThrownBy(() -> refresh(tokens.getRefreshToken()).execute())
			.isInstanceOfSatisfying(TokenResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(400);
				assertThat(e.getDetails().getError()).isEqualTo("invalid_grant");
			});
		assertThatThrownBy(() -> emulator.calendar(tokens.getAccessToken()).calendarList().list().execute())
			.isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
	}

	@Test
	void denyingRedirectsWithAccessDenied() throws Exception {
		URI back = browser.decide(browser.open(authorization("offline", "consent")), BEN, "deny");
		assertThat(ConsentBrowser.query(back)).containsEntry("error", "access_denied").containsEntry("state", "csrf-7f3a9c")
			.doesNotContainKey("code");
	}

	@Test
	void aRefreshTokenComesWithOfflineAccessOnFirstConsentAndAfterThatOnlyWithPromptConsent() throws Exception {
		assertThat(exchange(allow(authorization(null, null))).execute().getRefreshToken()).as("online access").isNull();
		assertThat(exchange(allow(authorization("offline", null))).execute().getRefreshToken())
			.as("offline, but the user consented before").isNull();
		assertThat(exchange(allow(authorization("offline", "consent"))).execute().getRefreshToken())
			.as("offline with prompt=consent").isNotBlank();
		assertThat(exchange(allow(authorization("online", "consent"))).execute().getRefreshToken())
			.as("prompt=consent without offline").isNull();
	}

	@Test
	void pkceS256IsCheckedAtTheTokenEndpoint() throws Exception {
		String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-calbridge";
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		Map<String, String> params = authorization("offline", "consent");
		params.put("code_challenge", challenge);
		params.put("code_challenge_method", "S256");

		String code = allow(params);
		assertThatThrownBy(() -> exchange(code).set("code_verifier", "the-wrong-verifier-0000000000000000000000000").execute())
			.isInstanceOfSatisfying(TokenResponseException.class,
					e -> assertThat(e.getDetails().getError()).isEqualTo("invalid_grant"));
		String second = allow(params);
		assertThat(exchange(second).set("code_verifier", verifier).execute().getAccessToken()).isNotBlank();
	}

	@Test
	void aWrongClientSecretAnswers401InvalidClientInTheBodyOrAsBasicAuth() throws Exception {
		String code = allow(authorization("offline", "consent"));
		assertThatThrownBy(() -> exchange(code).setClientAuthentication(new ClientParametersAuthentication(clientId, "nope")).execute())
			.isInstanceOfSatisfying(TokenResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
		// HttpURLConnection drops the body of a 401 to a streamed POST (as it would from Google), so the client
		// sees the status only; the body is checked over plain HTTP below.
		assertThatThrownBy(() -> exchange(code).setClientAuthentication(new BasicAuthentication(clientId, "GOCSPX-wrong")).execute())
			.isInstanceOfSatisfying(TokenResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
		String basic = Base64.getEncoder().encodeToString((clientId + ":GOCSPX-wrong").getBytes(StandardCharsets.UTF_8));
		var raw = emulator.send(java.net.http.HttpRequest.newBuilder(URI.create(emulator.root() + "token"))
			.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&redirect_uri="
					+ CALLBACK + "&code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8))).build());
		assertThat(raw.statusCode()).isEqualTo(401);
		assertThat(raw.body()).contains("\"error\":\"invalid_client\"");

		TokenResponse ok = exchange(code).setClientAuthentication(new BasicAuthentication(clientId, clientSecret)).execute();
		assertThat(ok.getAccessToken()).as("failed client authentication does not use up the code").isNotBlank();
	}

	@Test
	void aCodeIssuedToAnotherClientOrAnUnknownRefreshTokenIsInvalidGrant() throws Exception {
		String code = allow(authorization("offline", "consent"));
		JsonObject other = emulator.admin("POST", "clients", "{\"redirectUris\":[\"" + CALLBACK + "\"]}").getAsJsonObject();
		assertThatThrownBy(() -> exchange(code).setClientAuthentication(new ClientParametersAuthentication(
				other.get("client_id").getAsString(), other.get("client_secret").getAsString())).execute())
			.isInstanceOfSatisfying(TokenResponseException.class,
					e -> assertThat(e.getDetails().getError()).isEqualTo("invalid_grant"));
		assertThatThrownBy(() -> refresh("1//0unknown-refresh-token").execute())
			.isInstanceOfSatisfying(TokenResponseException.class,
					e -> assertThat(e.getDetails().getError()).isEqualTo("invalid_grant"));
	}

	@Test
	void anUnknownClientOrUnregisteredRedirectIsShownOnThePageNotRedirected() throws Exception {
		Map<String, String> unknownClient = authorization("offline", "consent");
		unknownClient.put("client_id", "999-unknown.apps.googleusercontent.com");
		HttpResponse<String> page = browser.open(unknownClient);
		assertThat(page.statusCode()).isEqualTo(401);
		assertThat(page.headers().firstValue("Location")).isEmpty();
		assertThat(page.body()).contains("invalid_client");

		Map<String, String> badRedirect = authorization("offline", "consent");
		badRedirect.put("redirect_uri", "https://evil.example.net/steal");
		HttpResponse<String> mismatch = browser.open(badRedirect);
		assertThat(mismatch.statusCode()).isEqualTo(400);
		assertThat(mismatch.headers().firstValue("Location")).isEmpty();
		assertThat(mismatch.body()).contains("redirect_uri_mismatch").doesNotContain("<script");

		Map<String, String> badScope = authorization("offline", "consent");
		badScope.put("scope", "https://www.googleapis.com/auth/drive.everything");
		assertThat(browser.open(badScope).body()).contains("invalid_scope");

		Map<String, String> badType = authorization("offline", "consent");
		badType.put("response_type", "token");
		HttpResponse<String> redirected = browser.open(badType);
		assertThat(redirected.statusCode()).isEqualTo(302);
		assertThat(redirected.headers().firstValue("Location").orElseThrow()).contains("error=unsupported_response_type");
	}

	@Test
	void userinfoDescribesTheAccountBehindTheToken() throws Exception {
		String token = exchange(allow(authorization("offline", "consent"))).execute().getAccessToken();
		for (String path : List.of("oauth2/v2/userinfo", "v1/userinfo")) {
			var response = emulator.send(java.net.http.HttpRequest.newBuilder(URI.create(emulator.root() + path))
				.header("Authorization", "Bearer " + token).GET().build());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"email\":\"" + BEN + "\"").contains("\"name\":\"Ben Keller\"");
		}
		var oidc = emulator.send(java.net.http.HttpRequest.newBuilder(URI.create(emulator.root() + "v1/userinfo"))
			.header("Authorization", "Bearer " + token).GET().build());
		assertThat(oidc.body()).contains("\"sub\":").contains("\"email_verified\":true");
		var anonymous = emulator.send(java.net.http.HttpRequest.newBuilder(URI.create(emulator.root() + "v1/userinfo")).GET().build());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

}
