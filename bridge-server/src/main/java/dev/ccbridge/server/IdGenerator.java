package dev.ccbridge.server;

/**
 * Makes the ids the bridge invents (message ids, request ids, tool call ids for upstreams that send none).
 * Injected, so tests and replays can make them predictable.
 */
@FunctionalInterface
public interface IdGenerator {

    /**
     * @param prefix the id's prefix, e.g. {@code msg_}
     * @return a new id starting with the prefix
     */
    String next(String prefix);
}
