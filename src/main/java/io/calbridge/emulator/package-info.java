/**
 * The built-in Google Calendar API v3 and Google OAuth 2.0 emulator (docs/emulator.md): Google's paths under a
 * configurable root, with Google's documented behaviour, so CalBridge can be run and tested without Google.
 * Depends on no other module; nothing in the app may depend on it except through HTTP, since production turns
 * it off ({@code calbridge.emulator.enabled=false}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Google Calendar emulator", allowedDependencies = {})
package io.calbridge.emulator;
