package dev.ccbridge.server;

import io.helidon.common.mapper.MapperManager;

/**
 * Pins Helidon's global mapper manager. Helidon 4.4.0 reads every {@code Content-Length} (server and client, each
 * request) through {@code MapperManager.global()}, which, until one is set, asks the service registry for a new
 * instance on every call: building a mapper manager per header read cost about a seventh of the bridge's CPU per
 * request. Set once before anything asks, it is a field read.
 */
final class HelidonMappers {

    private static boolean pinned;

    private HelidonMappers() {
    }

    /** Sets the global mapper manager unless this class already did. */
    static synchronized void pin() {
        if (!pinned) {
            MapperManager.global(MapperManager.create());
            pinned = true;
        }
    }
}
