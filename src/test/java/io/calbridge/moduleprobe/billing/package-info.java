/** Probe module that others use: {@link io.calbridge.moduleprobe.billing.Invoices} is its face. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.calbridge.moduleprobe.billing;
