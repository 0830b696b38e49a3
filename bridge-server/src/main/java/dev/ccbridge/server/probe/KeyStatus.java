package dev.ccbridge.server.probe;

/** What a probe learned about an upstream's key. */
public enum KeyStatus {
    /** The model catalog answered 200 with the key. */
    ACCEPTED,
    /** The model catalog answered 401 or 403. */
    REJECTED,
    /** The upstream has no catalog to ask, or its catalog answered neither 200 nor 401/403. */
    UNCHECKED,
    /** The upstream has no key of its own and forwards the caller's; none was given to check with. */
    FORWARDED
}
