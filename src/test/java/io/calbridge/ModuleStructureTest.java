package io.calbridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the module edges of docs/architecture.md: no cycles, no reaching into another module's internals, and no
 * edge a module's {@code package-info.java} does not allow. PlantedReachTest proves the same check fails on a
 * planted reach.
 */
class ModuleStructureTest {

	static final ApplicationModules MODULES = ApplicationModules.of(CalBridgeApplication.class);

	static final Path GENERATED = Path.of("target", "spring-modulith-docs");

	static final Path COMMITTED = Path.of("docs", "modules");

	@Test
	void modulesKeepTheirEdges() {
		MODULES.verify();
	}

	/**
	 * The module diagram in docs/modules is the one Spring Modulith draws from the code. It is written to target/,
	 * never into docs/: the Documenter orders modules and edges differently from run to run, so the committed
	 * copy is compared line by line regardless of order (same modules, same edges). When an edge changes on
	 * purpose, copy the files of target/spring-modulith-docs into docs/modules.
	 */
	@Test
	void theCommittedModuleDiagramIsTheCodes() throws IOException {
		DiagramOptions diagram = DiagramOptions.defaults()
			.withStyle(DiagramStyle.UML)
			.withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE);
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
			.writeModulesAsPlantUml(diagram)
			.writeIndividualModulesAsPlantUml(diagram)
			.writeModuleCanvases();

		assertThat(Files.readAllLines(COMMITTED.resolve("components.puml")))
			.as("docs/modules/components.puml is stale: copy it from " + GENERATED)
			.containsExactlyInAnyOrderElementsOf(Files.readAllLines(GENERATED.resolve("components.puml")));
	}

}
