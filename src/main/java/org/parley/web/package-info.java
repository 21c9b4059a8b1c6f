/**
 * The server: {@link org.parley.web.Parley} wires store, bus and features into one Helidon WebServer,
 * with CORS per site, security headers, an access log, static assets and the single place where
 * failures become {@code application/problem+json}. Also holds the configuration
 * ({@link org.parley.web.ParleyConfig}, {@link org.parley.web.ConfigKey}).
 */
package org.parley.web;
