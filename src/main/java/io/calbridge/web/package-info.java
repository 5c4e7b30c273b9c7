/**
 * Web: the layout, the home page, error pages, problem details for the API and security headers. Depends on no
 * other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.calbridge.web;
