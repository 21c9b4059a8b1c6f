/**
 * The server: {@link org.parley.web.Parley} wires store, bus and features into one Helidon WebServer
 * ({@link org.parley.web.HttpServer}), with CORS per site, security headers, an access log that gives each
 * request an id ({@code X-Request-Id}), static assets, the health endpoints ({@code /health/live},
 * {@code /health/ready}) and the single place where failures become {@code application/problem+json}.
 * Every connection's bytes pass
 * through {@link org.parley.web.RequestFraming} before Helidon parses them (HTTP/1.0, strict chunked
 * framing, not-HTTP refused at once) and are timed by {@link org.parley.web.GuardedConnection}. Also holds
 * the configuration ({@link org.parley.web.ParleyConfig}, {@link org.parley.web.ConfigKey},
 * {@link org.parley.web.LogFormat}).
 */
package org.parley.web;
