package dev.ccbridge.api;

/**
 * Thrown by {@link UpstreamAdapter#prepare(OutboundRequest)} to refuse a request before it is sent, e.g. a model
 * outside a configured allowlist. The bridge answers the client with the failure's kind and message and sends
 * nothing upstream.
 */
public class UpstreamRejection extends RuntimeException {

    private final transient UpstreamFailure failure;

    /**
     * @param failure why the request is refused
     */
    public UpstreamRejection(UpstreamFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    /**
     * @return why the request is refused
     */
    public UpstreamFailure failure() {
        return failure;
    }
}
