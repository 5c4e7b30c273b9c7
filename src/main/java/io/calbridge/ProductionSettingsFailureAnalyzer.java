package io.calbridge;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused production start into Boot's "APPLICATION FAILED TO START" report: a list, no stack trace. */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingsCheck.ProductionSettingsMissing> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingsCheck.ProductionSettingsMissing cause) {
		StringBuilder description = new StringBuilder("CalBridge cannot start with the prod profile:");
		cause.problems().forEach(problem -> description.append("\n  - ").append(problem));
		return new FailureAnalysis(description.toString(),
				"Set the missing environment variables (.env.example lists them all) and start again.", cause);
	}

}
