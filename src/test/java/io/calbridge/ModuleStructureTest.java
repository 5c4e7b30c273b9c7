package io.calbridge;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** Keeps the module edges of DESIGN.md §2: no cycles, no reaching into another module's internals. */
class ModuleStructureTest {

	@Test
	void modulesKeepTheirEdges() {
		ApplicationModules.of(CalBridgeApplication.class).verify();
	}

}
