package dev.ccbridge.api;

import java.util.Objects;

/**
 * An adapter's reading of an upstream error: what kind of failure it is and a message that tells the user what
 * to do about it (which setting, which key, which console page).
 *
 * @param kind    the kind of failure
 * @param message the message shown to the user
 */
public record UpstreamFailure(FailureKind kind, String message) {

    /**
     * @param kind    the kind of failure
     * @param message the message shown to the user
     */
    public UpstreamFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
