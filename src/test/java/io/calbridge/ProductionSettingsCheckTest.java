package io.calbridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Starting CalBridge for real with the {@code prod} profile: missing production settings stop the start before any
 * bean is made, with one message naming all of them. Values come as command-line arguments, which outrank the
 * environment, so a DATABASE_URL exported for the test run changes nothing here.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsCheckTest {

	@Test
	void aProductionStartWithNothingSetNamesEveryMissingSettingInOneMessage(CapturedOutput output) {
		Throwable failure = start("--spring.datasource.url=", "--calbridge.encryption-password=",
				"--calbridge.public-url=");

		assertThat(failure).isInstanceOf(ProductionSettingsCheck.ProductionSettingsMissing.class);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"CalBridge cannot start with the prod profile:", "- DATABASE_URL is not set",
				"- CALBRIDGE_ENCRYPTION_PASSWORD is not set", "- CALBRIDGE_PUBLIC_URL is not set",
				"Set the missing environment variables");
		assertThat(output.getAll()).as("a report, not a stack trace").doesNotContain("\tat io.calbridge.");
	}

	@Test
	void aPublicAddressWithoutHttpsIsRefusedOnItsOwn(CapturedOutput output) {
		Throwable failure = start("--spring.datasource.url=jdbc:postgresql://db.internal:5432/calbridge",
				"--calbridge.encryption-password=a-long-random-production-secret",
				"--calbridge.public-url=http://calbridge.example.com");

		assertThat(failure).isInstanceOf(ProductionSettingsCheck.ProductionSettingsMissing.class);
		assertThat(((ProductionSettingsCheck.ProductionSettingsMissing) failure).problems()).singleElement()
			.asString()
			.startsWith("CALBRIDGE_PUBLIC_URL must be an https address (it is \"http://calbridge.example.com\")");
		assertThat(output.getAll()).doesNotContain("DATABASE_URL is not set");
	}

	@Test
	void theEmulatorTurnedOnInProductionIsListedWithTheOtherProblems(CapturedOutput output) {
		Throwable failure = start("--spring.datasource.url=", "--calbridge.encryption-password=a-long-random-secret",
				"--calbridge.public-url=https://calbridge.example.com", "--calbridge.emulator.enabled=true");

		assertThat(failure).isInstanceOf(ProductionSettingsCheck.ProductionSettingsMissing.class);
		assertThat(((ProductionSettingsCheck.ProductionSettingsMissing) failure).problems()).hasSize(2)
			.anySatisfy(problem -> assertThat(problem).startsWith("DATABASE_URL is not set"))
			.anySatisfy(problem -> assertThat(problem).startsWith("CALBRIDGE_EMULATOR_ENABLED is true"));
		assertThat(output.getAll()).contains("- CALBRIDGE_EMULATOR_ENABLED is true: the built-in Google emulator is "
				+ "for local use only");
	}

	@Test
	void withEverySettingInPlaceTheCheckLetsTheStartGoOn() {
		Throwable failure = start("--spring.datasource.url=jdbc:postgresql://db.internal:5432/calbridge",
				"--calbridge.encryption-password=a-long-random-production-secret",
				"--calbridge.public-url=https://calbridge.example.com");

		assertThat(failure).as("the start got past the check to the next listener").isInstanceOf(PastTheCheck.class);
	}

	@Test
	void withoutTheProdProfileNothingIsRequired() {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CalBridgeApplication.class)
			.web(WebApplicationType.NONE)
			.listeners(new StopAfterTheCheck())
			.run("--spring.datasource.url=", "--calbridge.encryption-password=", "--calbridge.public-url="));

		assertThat(failure).isInstanceOf(PastTheCheck.class);
	}

	/**
	 * Runs the real application with the prod profile. A listener that runs right after the check stops the start
	 * there, so no database is needed when the check lets it pass.
	 */
	private static Throwable start(String... args) {
		return catchThrowable(() -> new SpringApplicationBuilder(CalBridgeApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("prod")
			.listeners(new StopAfterTheCheck())
			.run(args));
	}

	static class PastTheCheck extends RuntimeException {

		PastTheCheck() {
			super("stopped on purpose right after the production settings check");
		}

	}

	static class StopAfterTheCheck
			implements org.springframework.context.ApplicationListener<ApplicationEnvironmentPreparedEvent>,
			org.springframework.core.Ordered {

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			throw new PastTheCheck();
		}

		@Override
		public int getOrder() {
			return new ProductionSettingsCheck().getOrder() + 1;
		}

	}

}
