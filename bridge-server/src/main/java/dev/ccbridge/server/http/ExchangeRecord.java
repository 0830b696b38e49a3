package dev.ccbridge.server.http;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.anthropic.TokenUsage;
import dev.ccbridge.server.observe.ExchangeSummary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened in one exchange, collected as it runs and summarised at the end: ids, models, status, stop reason,
 * tokens, time to first token and total time. Never a key: the error message is masked with every known secret
 * and the caller's forwarded key, because upstream error messages sometimes quote the key they rejected.
 */
final class ExchangeRecord {

    private final Exchange exchange;
    private final String route;
    private final Secrets secrets;
    private String clientModel;
    private String upstreamName;
    private String upstreamModel;
    private boolean stream;
    private int status = 200;
    private int upstreamStatus;
    private String stopReason;
    private TokenUsage usage;
    private long firstTokenNanos;
    private String errorType;
    private String errorMessage;
    private boolean clientGone;
    private Map<String, String> report = Map.of();
    private final List<String> fallbacks = new ArrayList<>(0);

    ExchangeRecord(Exchange exchange, String route, Secrets secrets) {
        this.exchange = exchange;
        this.route = route;
        this.secrets = secrets;
    }

    void plan(String clientModel, String upstreamName, String upstreamModel, boolean stream) {
        this.clientModel = clientModel;
        this.upstreamName = upstreamName;
        this.upstreamModel = upstreamModel;
        this.stream = stream;
    }

    void upstreamStatus(int code) {
        this.upstreamStatus = code;
    }

    void committed() {
        this.status = 200;
    }

    void event(StreamEvent event) {
        if (firstTokenNanos == 0 && event instanceof StreamEvent.BlockDelta) {
            firstTokenNanos = System.nanoTime();
        }
        if (event instanceof StreamEvent.Error error) {
            errorType = error.error().type();
            errorMessage = error.error().message();
        }
    }

    void failed(AnthropicError error) {
        status = error.status();
        errorType = error.type();
        errorMessage = error.message();
    }

    /**
     * @param upstream the upstream that failed before anything went to the client
     * @param error    how it failed
     */
    void attemptFailed(String upstream, AnthropicError error) {
        fallbacks.add(upstream + ":" + error.status());
    }

    void clientGone() {
        clientGone = true;
    }

    void finish(String stop, TokenUsage tokens, Map<String, String> adapterReport) {
        this.stopReason = stop;
        this.usage = tokens;
        this.report = adapterReport;
    }

    /**
     * @param nowNanos {@link System#nanoTime()} at the end of the exchange
     * @return the finished exchange, its error message masked
     */
    ExchangeSummary summary(long nowNanos) {
        return new ExchangeSummary(exchange.arrived(), exchange.requestId(), route, exchange.sessionId(),
                exchange.keyFingerprint(), clientModel, upstreamName, upstreamModel, stream, status, upstreamStatus,
                stopReason,
                usage == null ? null : new ExchangeSummary.Tokens(usage.inputTokens(), usage.outputTokens(),
                        usage.cacheReadTokens(), usage.cacheCreationTokens()),
                firstTokenNanos == 0 ? -1 : (firstTokenNanos - exchange.startNanos()) / 1_000_000,
                (nowNanos - exchange.startNanos()) / 1_000_000, List.copyOf(fallbacks), maskedReport(),
                clientGone, errorType, secrets.mask(errorMessage));
    }

    private Map<String, String> maskedReport() {
        if (report.isEmpty()) {
            return Map.of();
        }
        Map<String, String> masked = new LinkedHashMap<>(report.size() * 2);
        report.forEach((key, value) -> masked.put(key, secrets.mask(value)));
        return Collections.unmodifiableMap(masked);
    }
}
