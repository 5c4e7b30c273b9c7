/**
 * Google: everything that speaks to Google and knows nothing of the CRM: the Calendar client factory (root URL
 * configurable, so the emulator can stand in), what a failure means ({@link io.calbridge.google.GoogleOutcome}),
 * the colour palette. Owns no table and depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.calbridge.google;
