package dev.ccbridge.server.recording;

import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where the relay reports the wire of one exchange when record mode or the payload log is on ({@link #both} when
 * both are); {@link #NONE} when neither is, so the relay never checks.
 */
public interface ExchangeTap {

    /** Records nothing. */
    ExchangeTap NONE = new ExchangeTap() {
    };

    /**
     * @param first  a tap, e.g. the recording
     * @param second another, e.g. the payload log
     * @return a tap that shows every payload to both, in that order; either one alone when the other is
     *         {@link #NONE}, so an idle tap costs nothing
     */
    static ExchangeTap both(ExchangeTap first, ExchangeTap second) {
        if (second == NONE) {
            return first;
        }
        return first == NONE ? second : new TeeTap(first, second);
    }

    /**
     * @param method  the HTTP method
     * @param path    the path
     * @param query   the raw query, or empty
     * @param headers the headers
     * @param body    the body
     */
    default void clientRequest(String method, String path, String query, Map<String, List<String>> headers,
                               byte[] body) {
    }

    /**
     * Starts an upstream attempt (a fallback makes more than one).
     *
     * @param url     where the request goes
     * @param headers its headers
     * @param body    its body
     */
    default void upstreamRequest(URI url, Map<String, String> headers, byte[] body) {
    }

    /**
     * @param status  the upstream's status
     * @param headers its headers, lower-case names
     */
    default void upstreamResponse(int status, Map<String, List<String>> headers) {
    }

    /**
     * @return where to copy the current attempt's upstream body as it is read
     */
    default OutputStream upstreamBody() {
        return OutputStream.nullOutputStream();
    }

    /**
     * @param status  the client's status
     * @param headers its headers, lower-case names
     */
    default void clientResponse(int status, Map<String, List<String>> headers) {
    }

    /**
     * @return where to copy the client body as it is written
     */
    default OutputStream clientBody() {
        return OutputStream.nullOutputStream();
    }

    /** The exchange ended; write what is pending. */
    default void finish() {
    }
}
