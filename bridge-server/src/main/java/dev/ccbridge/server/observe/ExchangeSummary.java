package dev.ccbridge.server.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One finished exchange, as the log line, the usage record and the metrics see it. Never holds a key: the caller
 * is known by {@link KeyFingerprint}, and the error message has been masked.
 *
 * @param time             when the request arrived
 * @param requestId        the id returned in {@code request-id}
 * @param route            the bridge route, e.g. {@code POST /v1/messages}
 * @param sessionId        Claude Code's {@code X-Claude-Code-Session-Id}, or {@code null}
 * @param keyFingerprint   the fingerprint of the key the caller presented, or {@code null} when it presented none
 * @param clientModel      the model the client asked for, or {@code null} when the request was not read
 * @param upstream         the upstream that answered (or failed last), or {@code null} when none was tried
 * @param upstreamModel    the model asked of that upstream, or {@code null}
 * @param stream           whether the client asked for a stream
 * @param status           the HTTP status the client got (200 once a stream started, even if it ended in an error)
 * @param upstreamStatus   the last upstream's HTTP status, or 0 when it never answered
 * @param stopReason       the Anthropic stop reason, or {@code null}
 * @param tokens           the tokens the client was told about, or {@code null} when it got no message
 * @param firstTokenMillis milliseconds from arrival to the first content delta, or -1 when there was none
 * @param totalMillis      milliseconds from arrival to the end of the answer
 * @param failedOver       the upstreams that failed before the one that answered, each as {@code name:status}
 * @param report           what the upstream's adapter reported (e.g. JoyToken's {@code used_model},
 *                         {@code credits}, {@code cost})
 * @param clientGone       whether the client went away before the answer was complete
 * @param errorType        the Anthropic error type the client got, or {@code null}
 * @param errorMessage     the masked error message, or {@code null}
 */
public record ExchangeSummary(Instant time,
                              String requestId,
                              String route,
                              String sessionId,
                              String keyFingerprint,
                              String clientModel,
                              String upstream,
                              String upstreamModel,
                              boolean stream,
                              int status,
                              int upstreamStatus,
                              String stopReason,
                              Tokens tokens,
                              long firstTokenMillis,
                              long totalMillis,
                              List<String> failedOver,
                              Map<String, String> report,
                              boolean clientGone,
                              String errorType,
                              String errorMessage) {

    /**
     * Token counts as the client saw them: {@code input} excludes cached tokens.
     *
     * @param input         uncached input tokens
     * @param output        output tokens
     * @param cacheRead     input tokens read from the upstream's cache
     * @param cacheCreation input tokens written to the upstream's cache
     */
    public record Tokens(int input, int output, int cacheRead, int cacheCreation) {
    }

    /** @return the model that actually answered: the upstream's own report when it gives one, else the model asked */
    public String answeringModel() {
        return report.getOrDefault("used_model", upstreamModel);
    }
}
