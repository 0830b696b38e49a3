package dev.ccbridge.server.http;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.anthropic.TokenUsage;

import java.util.Map;

/**
 * What happened in one exchange, collected as it runs and written as one log line at the end: ids, models,
 * status, stop reason, tokens, time to first token and total time. Never a key: the line is masked with every
 * known secret, because upstream error messages sometimes quote the key they rejected.
 */
final class ExchangeRecord {

    private static final System.Logger LOG = System.getLogger("ccbridge.exchange");

    private final Exchange exchange;
    private final String route;
    private final Secrets secrets;
    private String clientModel = "-";
    private String upstreamName = "-";
    private String upstreamModel = "-";
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
    private final StringBuilder fallbacks = new StringBuilder();

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
        if (!fallbacks.isEmpty()) {
            fallbacks.append(',');
        }
        fallbacks.append(upstream).append(':').append(error.status());
    }

    void clientGone() {
        clientGone = true;
    }

    void finish(String stop, TokenUsage tokens, Map<String, String> adapterReport) {
        this.stopReason = stop;
        this.usage = tokens;
        this.report = adapterReport;
    }

    void log() {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder(200)
                .append(exchange.requestId()).append(' ').append(route)
                .append(" session=").append(exchange.sessionId() == null ? "-" : exchange.sessionId())
                .append(" model=").append(clientModel).append("->").append(upstreamName).append('/')
                .append(upstreamModel)
                .append(stream ? " stream" : " sync")
                .append(" status=").append(status);
        if (upstreamStatus != 0) {
            line.append(" upstream_status=").append(upstreamStatus);
        }
        if (stopReason != null) {
            line.append(" stop=").append(stopReason);
        }
        if (usage != null) {
            line.append(" in=").append(usage.inputTokens()).append(" out=").append(usage.outputTokens())
                    .append(" cache_read=").append(usage.cacheReadTokens());
        }
        if (firstTokenNanos != 0) {
            line.append(" ttft_ms=").append((firstTokenNanos - exchange.startNanos()) / 1_000_000);
        }
        line.append(" total_ms=").append((now - exchange.startNanos()) / 1_000_000);
        if (!fallbacks.isEmpty()) {
            line.append(" failed_over=").append(fallbacks);
        }
        report.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        if (clientGone) {
            line.append(" client_gone");
        }
        if (errorType != null) {
            line.append(" error=").append(errorType).append(" \"").append(errorMessage).append('"');
        }
        LOG.log(errorType != null && status >= 500 ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                secrets.mask(line.toString()));
    }
}
