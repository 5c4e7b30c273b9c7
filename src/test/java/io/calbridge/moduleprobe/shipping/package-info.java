/** Probe module that declares no dependency at all. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.calbridge.moduleprobe.shipping;
