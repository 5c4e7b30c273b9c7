/**
 * Accounts: users, sign-up, login and its throttling, and Spring Security for pages (form login) and the API
 * (HTTP Basic). Owns {@code users} and {@code login_throttle}. Depends on no other module; the others know the
 * signed-in person only as {@link io.calbridge.accounts.AccountUser}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.calbridge.accounts;
