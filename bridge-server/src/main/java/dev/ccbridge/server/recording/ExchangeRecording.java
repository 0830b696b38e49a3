package dev.ccbridge.server.recording;

import dev.ccbridge.server.Secrets;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recording of one exchange. Each side is written when it is complete: the client request at once, the
 * upstream request when it is sent, the bodies when they end. Bodies are teed: the relay writes to the client or
 * reads from the upstream as usual and the recording keeps a copy. A fallback to a second upstream is a second
 * attempt, written with the suffix {@code -2} ({@code upstream-request-2.json}...). Besides the bridge's own
 * secrets, the keys the client presented are redacted from every file of the exchange: the bridge may forward
 * them, and an upstream that rejects a key often quotes it in its error.
 */
public final class ExchangeRecording implements ExchangeTap {

    private final RecordedSession session;
    private final Secrets secrets;
    private final Secrets callerKeys = new Secrets();
    private final Path dir;
    private final ByteArrayOutputStream clientBody = new ByteArrayOutputStream();
    private ByteArrayOutputStream upstreamBody = new ByteArrayOutputStream();
    private int attempt;
    private String upstreamContentType;
    private String clientContentType;
    private boolean upstreamResponded;
    private boolean clientResponded;
    private boolean finished;

    ExchangeRecording(RecordedSession session, Secrets secrets) {
        this.session = session;
        this.secrets = secrets;
        this.dir = session.nextExchange();
    }

    @Override
    public void clientRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body) {
        headers.forEach((name, values) -> {
            if (RecordingFormat.isSecretHeader(name)) {
                values.forEach(value -> callerKeys.add(withoutScheme(value)));
            }
        });
        write("client-request.json", RecordingFormat.requestHead(method, path, query, headers));
        write("client-request.body.json", Pretty.jsonOrText(new String(body, StandardCharsets.UTF_8)));
    }

    @Override
    public void upstreamRequest(URI url, Map<String, String> headers, byte[] body) {
        finishAttempt();
        attempt++;
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        String name = "upstream-request" + suffix();
        write(name + ".json", RecordingFormat.requestHead("POST", url.toString(), null, lists));
        write(name + ".body.json", Pretty.jsonOrText(new String(body, StandardCharsets.UTF_8)));
    }

    @Override
    public void upstreamResponse(int status, Map<String, List<String>> headers) {
        upstreamResponded = true;
        upstreamContentType = first(headers, "content-type");
        write("upstream-response" + suffix() + ".json", RecordingFormat.responseHead(status, headers));
    }

    @Override
    public OutputStream upstreamBody() {
        return upstreamBody;
    }

    @Override
    public void clientResponse(int status, Map<String, List<String>> headers) {
        clientResponded = true;
        clientContentType = first(headers, "content-type");
        write("client-response.json", RecordingFormat.responseHead(status, headers));
    }

    @Override
    public OutputStream clientBody() {
        return clientBody;
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        finishAttempt();
        if (clientResponded) {
            writeBody("client-response.body.", clientContentType, clientBody);
        }
    }

    private void finishAttempt() {
        if (upstreamResponded) {
            writeBody("upstream-response" + suffix() + ".body.", upstreamContentType, upstreamBody);
        }
        upstreamResponded = false;
        upstreamBody = new ByteArrayOutputStream();
    }

    private String suffix() {
        return RecordingFormat.attemptSuffix(attempt);
    }

    private void writeBody(String prefix, String contentType, ByteArrayOutputStream body) {
        String extension = RecordingFormat.bodyExtension(contentType);
        String text = body.toString(StandardCharsets.UTF_8);
        write(prefix + extension, extension.equals("json") ? Pretty.jsonOrText(text) : text);
    }

    private void write(String file, String text) {
        session.write(dir.resolve(file), callerKeys.redact(secrets.redact(text)));
    }

    /** The credential of an {@code Authorization} value ({@code Bearer KEY}), or the value itself. */
    private static String withoutScheme(String value) {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        return space > 0 && trimmed.substring(0, space).chars().allMatch(Character::isLetter)
                ? trimmed.substring(space + 1).strip() : trimmed;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
