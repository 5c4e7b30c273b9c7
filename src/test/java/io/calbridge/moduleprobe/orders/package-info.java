/** Probe module allowed to use billing, but only billing's face. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "billing" })
package io.calbridge.moduleprobe.orders;
