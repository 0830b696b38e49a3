/**
 * Upstreams: adapter discovery (class path and the plugins folder, one isolated class loader per plugin), the
 * configured upstreams, model routing, and the HTTP client that talks to them.
 */
package dev.ccbridge.server.upstream;
