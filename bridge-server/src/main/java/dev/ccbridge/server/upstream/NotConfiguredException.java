package dev.ccbridge.server.upstream;

/** The bridge started without an upstream; every request is answered with what to set. */
public final class NotConfiguredException extends RuntimeException {

    /** The setting names a user can set. */
    public static final String WHAT_TO_SET = "no upstream is configured: set JOY_TOKEN_API_KEY (JoyToken), or "
            + "UPSTREAM_BASE_URL and UPSTREAM_API_KEY (any OpenAI-compatible endpoint), or bridge.upstreams in "
            + "the YAML configuration, then restart the bridge";

    /** Creates the exception with {@link #WHAT_TO_SET}. */
    public NotConfiguredException() {
        super(WHAT_TO_SET, null, false, false);
    }
}
