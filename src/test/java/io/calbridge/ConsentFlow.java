package io.calbridge;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Connecting a Google Calendar as a person does it: the settings pages and the emulator's consent page. */
public final class ConsentFlow {

	private ConsentFlow() {
	}

	/** Signs up, adds the emulator integration and connects {@code account}; returns the connection's id. */
	public static long connect(WebClient person, String account, org.springframework.jdbc.core.JdbcTemplate jdbc) {
		long integration = addEmulatorIntegration(person);
		allowOnConsentPage(person, startConnect(person, integration), account);
		return jdbc.queryForObject("select c.id from calendar_connections c where c.integration_id = ?", Long.class,
				integration);
	}


	public static long addEmulatorIntegration(WebClient person) {
		WebClient.Response added = person.postForm("/settings/integrations/emulator",
				person.get("/settings/integrations").csrf(), Map.of());
		assertThat(added.header("Location")).endsWith("/settings/calendar");
		String page = person.follow(added).body();
		Matcher id = Pattern.compile("/settings/calendar/connect/(\\d+)").matcher(page);
		assertThat(id.find()).as("a Connect button on %s", page).isTrue();
		return Long.parseLong(id.group(1));
	}

	public static WebClient.Response startConnect(WebClient person, long integration) {
		WebClient.Response redirect = person.postForm("/settings/calendar/connect/" + integration,
				person.get("/settings/calendar").csrf(), Map.of());
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).contains("/emulator/google/o/oauth2/v2/auth?");
		return redirect;
	}

	public static WebClient.Response allowOnConsentPage(WebClient person, WebClient.Response toConsent, String account) {
		return decideOnConsentPage(person, toConsent, account, "allow");
	}

	public static WebClient.Response decideOnConsentPage(WebClient person, WebClient.Response toConsent, String account,
			String decision) {
		URI callback = consentRedirect(person, toConsent, account, decision);
		return landOn(person, person.get(path(callback.toString())));
	}

	/** Opens the consent page, picks the account and decides; returns where the emulator sends the browser. */
	public static URI consentRedirect(WebClient person, WebClient.Response toConsent, String account, String decision) {
		WebClient.Response page = person.follow(toConsent);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("request", field(page.body(), "request"));
		fields.put("account", account);
		fields.put("decision", decision);
		Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(page.body());
		assertThat(action.find()).isTrue();
		WebClient.Response answer = person.postForm(action.group(1), page.csrf(), fields);
		assertThat(answer.status()).as(answer.body()).isEqualTo(302);
		return URI.create(answer.header("Location"));
	}

	/** Follows the app's redirects until a page is shown. */
	public static WebClient.Response landOn(WebClient person, WebClient.Response response) {
		WebClient.Response current = response;
		for (int hops = 0; current.status() == 302 && hops < 5; hops++) {
			current = person.follow(current);
		}
		assertThat(current.status()).as(current.body()).isEqualTo(200);
		return current;
	}

	public static String path(String url) {
		URI uri = URI.create(url);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private static String field(String html, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
		if (!m.find()) {
			m = Pattern.compile("value=\"([^\"]*)\"[^>]*name=\"" + name + "\"").matcher(html);
			assertThat(m.find()).as("field " + name).isTrue();
		}
		return m.group(1);
	}

}
