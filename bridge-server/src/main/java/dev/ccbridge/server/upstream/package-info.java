/**
 * Upstreams: adapter discovery (class path and the plugins folder, one isolated class loader per plugin), the
 * configured upstreams, model routing, the HTTP client that talks to them, and the cancellation that abandons an
 * exchange's upstream work.
 */
package dev.ccbridge.server.upstream;
