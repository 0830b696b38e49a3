package dev.ccbridge.server.upstream;

/**
 * A client asked for a catalog id ({@code claude-via-<upstream>/<model>}) that names no configured upstream, e.g.
 * one listed by an earlier configuration. Answered as {@code not_found_error} rather than sent anywhere under a
 * model name no upstream knows.
 */
public final class UnknownCatalogModelException extends RuntimeException {

    /**
     * @param message what was asked for and which upstreams exist
     */
    public UnknownCatalogModelException(String message) {
        super(message, null, false, false);
    }
}
