package io.calbridge.moduleprobe;

import org.springframework.modulith.Modulithic;

/**
 * The root of a tiny application, only for {@link PlantedReachTest}: three modules, two of which reach where
 * they may not. {@code @Modulithic} marks it as a root for Spring Modulith without being a Spring component, so no
 * CalBridge test context ever picks it up.
 */
@Modulithic
final class ProbeApplication {

	private ProbeApplication() {
	}

}
