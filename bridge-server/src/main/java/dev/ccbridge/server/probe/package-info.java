/**
 * Upstream probes: whether each configured upstream answers, accepts its key and lists the default model, as
 * the startup summary, the readiness check and {@code doctor} report it. Probes are quick (a model catalog GET, or
 * a TCP connect when there is no catalog) and never send a model request, so they cost nothing.
 */
package dev.ccbridge.server.probe;
