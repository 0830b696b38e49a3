package dev.ccbridge.server.observe;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.recording.ExchangeTap;
import dev.ccbridge.server.recording.RecordingFormat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The payload log: at debug level of the logger {@code ccbridge.payload}, the four bodies of every exchange (the
 * client's request, each upstream request, each upstream response, the client's response), each cut to the
 * configured number of characters ({@code BRIDGE_PAYLOAD_LOG_LIMIT}). Every known secret and the keys the caller
 * presented are masked; headers are never logged, so neither is any {@code Authorization}. When the logger is not
 * at debug, {@link #begin} hands out {@link ExchangeTap#NONE} and nothing is copied or built.
 */
public final class PayloadLog {

    private static final System.Logger LOG = System.getLogger("ccbridge.payload");

    private final Secrets secrets;
    private final int limit;

    /**
     * @param secrets every known secret
     * @param limit   characters kept of each body
     */
    public PayloadLog(Secrets secrets, int limit) {
        this.secrets = secrets;
        this.limit = limit;
    }

    /**
     * @param requestId the exchange's request id, which starts each of its payload lines
     * @return the tap that logs the exchange's payloads, or {@link ExchangeTap#NONE} when debug is off
     */
    public ExchangeTap begin(String requestId) {
        return LOG.isLoggable(System.Logger.Level.DEBUG) ? new Tap(requestId) : ExchangeTap.NONE;
    }

    /** One exchange's payloads; bodies that arrive in pieces are logged when they end. */
    private final class Tap implements ExchangeTap {

        private final String requestId;
        private final Secrets callerKeys = new Secrets();
        private int attempt;
        private int upstreamStatus;
        private BoundedCapture upstreamBody;
        private int clientStatus;
        private BoundedCapture clientBody;

        Tap(String requestId) {
            this.requestId = requestId;
        }

        @Override
        public void clientRequest(String method, String path, String query, Map<String, List<String>> headers,
                                  byte[] body) {
            headers.forEach((name, values) -> {
                if (RecordingFormat.isSecretHeader(name)) {
                    values.forEach(this::addCallerKey);
                }
            });
            BoundedCapture capture = capture();
            capture.write(body, 0, body.length);
            log("client request " + method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query),
                    capture);
        }

        @Override
        public void upstreamRequest(URI url, Map<String, String> headers, byte[] body) {
            logUpstreamResponse();
            attempt++;
            BoundedCapture capture = capture();
            capture.write(body, 0, body.length);
            log("upstream request " + attempt + " POST " + url, capture);
        }

        @Override
        public void upstreamResponse(int status, Map<String, List<String>> headers) {
            upstreamStatus = status;
            upstreamBody = capture();
        }

        @Override
        public OutputStream upstreamBody() {
            return upstreamBody == null ? OutputStream.nullOutputStream() : upstreamBody;
        }

        @Override
        public void clientResponse(int status, Map<String, List<String>> headers) {
            clientStatus = status;
            clientBody = capture();
        }

        @Override
        public OutputStream clientBody() {
            return clientBody == null ? OutputStream.nullOutputStream() : clientBody;
        }

        @Override
        public void finish() {
            logUpstreamResponse();
            if (clientBody != null) {
                log("client response " + clientStatus, clientBody);
                clientBody = null;
            }
        }

        private void logUpstreamResponse() {
            if (upstreamBody != null) {
                log("upstream response " + attempt + " " + upstreamStatus, upstreamBody);
                upstreamBody = null;
            }
        }

        private BoundedCapture capture() {
            return new BoundedCapture(limit);
        }

        private void log(String what, BoundedCapture body) {
            String text = callerKeys.mask(secrets.mask(body.text()));
            boolean cut = body.truncated() || text.length() > limit;
            LOG.log(System.Logger.Level.DEBUG, requestId + " " + callerKeys.mask(secrets.mask(what)) + " ("
                    + body.total() + " bytes): " + (cut ? text.substring(0, Math.min(limit, text.length()))
                    + " [cut at " + limit + " characters]" : text));
        }

        /** An {@code Authorization} value is also masked without its scheme ({@code Bearer KEY}). */
        private void addCallerKey(String value) {
            String trimmed = value.strip();
            callerKeys.add(trimmed);
            int space = trimmed.indexOf(' ');
            if (space > 0) {
                callerKeys.add(trimmed.substring(space + 1).strip());
            }
        }
    }

    /**
     * Keeps the start of a body and counts the rest. It keeps four bytes per character of the limit (the most
     * UTF-8 needs) and 1 KiB more, so that a secret of up to 1 KiB cut in two by the end of the capture can only
     * begin after the characters that are logged: masking sees every secret that could be shown.
     */
    private static final class BoundedCapture extends OutputStream {

        private static final int SECRET_MARGIN = 1024;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final long capacity;
        private long total;

        BoundedCapture(int limit) {
            this.capacity = 4L * limit + SECRET_MARGIN;
        }

        @Override
        public void write(int b) {
            if (kept.size() < capacity) {
                kept.write(b);
            }
            total++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            kept.write(bytes, offset, (int) Math.min(length, capacity - kept.size()));
            total += length;
        }

        String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        boolean truncated() {
            return total > kept.size();
        }

        long total() {
            return total;
        }
    }
}
