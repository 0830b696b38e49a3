package dev.ccbridge.api;

/**
 * Why an upstream call failed, in neutral terms; the engine turns each kind into the client protocol's error
 * type and status. New constants may be added, so do not switch over this enum exhaustively.
 */
public enum FailureKind {
    /** The request itself is wrong (HTTP 400/422). */
    INVALID_REQUEST,
    /** The prompt does not fit the model's context window. */
    CONTEXT_OVERFLOW,
    /** The key is missing, wrong or revoked. */
    AUTHENTICATION,
    /** Credits, wallet or budget exhausted. */
    BILLING,
    /** The key may not do this (policy, IP, model not allowed). */
    PERMISSION,
    /** The model or route does not exist. */
    NOT_FOUND,
    /** The request body is too large. */
    REQUEST_TOO_LARGE,
    /** Too many requests; retry later. */
    RATE_LIMITED,
    /** The upstream is at capacity. */
    OVERLOADED,
    /** The upstream did not answer in time. */
    TIMEOUT,
    /** The upstream failed. */
    SERVER_ERROR
}
