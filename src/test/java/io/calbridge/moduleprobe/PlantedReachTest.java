package io.calbridge.moduleprobe;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

import io.calbridge.CalBridgeApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves that the check ModuleStructureTest runs can fail: the same verification over a probe application with two
 * planted reaches fails and names each, while CalBridge itself has none.
 * <p>
 * {@code ApplicationModules.of} caches its model, and {@code verify()} on one model checks only on its first call
 * (it notes "verified" even when it throws), so only one test here calls it; the others read
 * {@code detectViolations()}, which checks every time.
 */
class PlantedReachTest {

	/** The probe lives in test sources, which ApplicationModules leaves out by default. */
	private static final ApplicationModules PROBE = ApplicationModules.of(ProbeApplication.class, location -> true);

	@Test
	void verificationFailsOnAPlantedReach() {
		assertThatThrownBy(PROBE::verify).isInstanceOf(Violations.class);
	}

	@Test
	void aReachIntoAnotherModulesInternalPackageIsNamedEvenWhenThatModuleIsAllowed() {
		assertThat(PROBE.detectViolations().getMessages()).contains("Module 'orders' depends on module 'billing' via "
				+ "io.calbridge.moduleprobe.orders.Checkout -> io.calbridge.moduleprobe.billing.internal.Ledger. "
				+ "Allowed targets: billing.");
	}

	@Test
	void aDependencyOnAModuleNotInAllowedDependenciesIsNamed() {
		assertThat(PROBE.detectViolations().getMessages()).contains("Module 'shipping' depends on module 'billing' via "
				+ "io.calbridge.moduleprobe.shipping.Dispatch -> io.calbridge.moduleprobe.billing.Invoices. "
				+ "Allowed targets: none.");
	}

	@Test
	void onlyThePlantedReachesAreViolations() {
		// Checkout's use of billing's public face is declared, so it is not among them.
		assertThat(PROBE.detectViolations().getMessages()).hasSize(2);
	}

	@Test
	void calBridgeItselfHasNoViolations() {
		assertThat(ApplicationModules.of(CalBridgeApplication.class).detectViolations().getMessages()).isEmpty();
	}

}
