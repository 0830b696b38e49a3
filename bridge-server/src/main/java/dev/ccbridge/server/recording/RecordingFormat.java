package dev.ccbridge.server.recording;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recording format, version {@value #VERSION}. A recording folder holds one folder per session:
 * <pre>
 * SESSION/session.json                   format, what it was recorded with, the bridge settings to replay it
 * SESSION/NNNN/client-request.json       method, path, query, headers
 * SESSION/NNNN/client-request.body.json  the body, pretty
 * SESSION/NNNN/upstream-request.json     method, url, headers          (absent when nothing went upstream)
 * SESSION/NNNN/upstream-request.body.json
 * SESSION/NNNN/upstream-response.json    status, headers
 * SESSION/NNNN/upstream-response.body.sse (or .json, .txt)  the body verbatim
 * SESSION/NNNN/client-response.json      status, headers
 * SESSION/NNNN/client-response.body.sse  (or .json)         the body verbatim
 * </pre>
 * Exchanges are numbered in arrival order within their session. When the bridge tried more than one upstream
 * (a fallback, or a retry), each later attempt has its own upstream files with the suffix {@code -2}, {@code -3}...
 * ({@code upstream-request-2.json}); an attempt that got no answer (a connect failure, a timeout) has no
 * upstream-response files. Secret headers, every configured secret and the keys the client presented are replaced
 * by {@value #REDACTED}; ids the bridge invents are normalised by {@link IdNormalizer}.
 *
 * <p>Only {@code POST /v1/messages} is recorded. {@code count_tokens} is not: it never reaches an upstream, so a
 * replay would have nothing to play for it, and Claude Code sends it only from the interactive {@code /context},
 * about 28 requests at once, whose arrival order would make the exchange numbering differ from run to run.
 */
public final class RecordingFormat {

    /** The format version written in {@code session.json}. */
    public static final int VERSION = 1;
    /** What stands in place of a secret. */
    public static final String REDACTED = "[redacted]";
    /** The session file. */
    public static final String SESSION_FILE = "session.json";

    /** Request and response headers whose values are secrets. */
    static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "api-key", "proxy-authorization",
            "cookie", "set-cookie", "x-goog-api-key");

    private RecordingFormat() {
    }

    /**
     * @param number an exchange's number, from 1
     * @return its folder name
     */
    public static String exchangeFolder(int number) {
        return String.format(Locale.ROOT, "%04d", number);
    }

    /**
     * @param attempt an upstream attempt's number, from 1
     * @return the suffix of its file names: none for the first, {@code -2} for the second...
     */
    public static String attemptSuffix(int attempt) {
        return attempt <= 1 ? "" : "-" + attempt;
    }

    /**
     * @param contentType a body's content type, or {@code null}
     * @return the file extension for such a body: {@code sse}, {@code json} or {@code txt}
     */
    public static String bodyExtension(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("event-stream")) {
            return "sse";
        }
        return type.contains("json") ? "json" : "txt";
    }

    /**
     * @param method  the method
     * @param target  the path (client side) or URL (upstream side)
     * @param query   the client request's raw query, or {@code null} for an upstream request
     * @param headers the headers
     * @return the request's head file, secrets redacted
     */
    public static String requestHead(String method, String target, String query, Map<String, List<String>> headers) {
        JsonObjectBuilder head = JsonFactories.BUILDERS.createObjectBuilder().add("method", method);
        if (query == null) {
            head.add("url", target);
        } else {
            head.add("path", target).add("query", query);
        }
        return Pretty.json(head.add("headers", headers(headers)).build());
    }

    /**
     * @param status  the status
     * @param headers the headers
     * @return the response's head file, secrets redacted
     */
    public static String responseHead(int status, Map<String, List<String>> headers) {
        return Pretty.json(JsonFactories.BUILDERS.createObjectBuilder()
                .add("status", status).add("headers", headers(headers)).build());
    }

    private static JsonObject headers(Map<String, List<String>> headers) {
        JsonObjectBuilder out = JsonFactories.BUILDERS.createObjectBuilder();
        headers.forEach((name, values) -> {
            JsonArrayBuilder array = JsonFactories.BUILDERS.createArrayBuilder();
            values.forEach(value -> array.add(isSecretHeader(name) ? REDACTED : value));
            out.add(name.toLowerCase(Locale.ROOT), array);
        });
        return out.build();
    }

    /**
     * @param header a header name
     * @return whether its value must never be recorded
     */
    public static boolean isSecretHeader(String header) {
        return SECRET_HEADERS.contains(header.toLowerCase(Locale.ROOT));
    }
}
