package dev.ccbridge.server.probe;

/** Whether an upstream's catalog lists a model. */
public enum ModelListing {
    /** The catalog lists it. */
    LISTED,
    /** The catalog was fetched and does not list it. */
    NOT_LISTED,
    /**
     * A routing alias the upstream resolves itself ({@code auto}, as JoyToken and OpenRouter's
     * {@code openrouter/auto} document), which catalogs do not list.
     */
    ROUTED_BY_UPSTREAM,
    /** No model is configured, or the catalog could not be fetched. */
    UNKNOWN
}
