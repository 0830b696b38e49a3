package dev.ccbridge.server.observe;

import java.util.Map;

/**
 * The console's line per exchange, for people reading the log: request id, route, session, caller key
 * fingerprint, client model {@code ->} upstream/model, status, stop reason, tokens, times, fallbacks, what the
 * adapter reported (e.g. the model JoyToken actually used and the credits it billed), and the error if any.
 */
public final class ExchangeLog implements ExchangeSink {

    private static final System.Logger LOG = System.getLogger("ccbridge.exchange");

    @Override
    public void exchangeFinished(ExchangeSummary summary) {
        LOG.log(summary.errorType() != null && summary.status() >= 500 ? System.Logger.Level.WARNING
                : System.Logger.Level.INFO, line(summary));
    }

    /**
     * @param s the exchange
     * @return its log line
     */
    public static String line(ExchangeSummary s) {
        StringBuilder line = new StringBuilder(240)
                .append(s.requestId()).append(' ').append(s.route())
                .append(" session=").append(orDash(s.sessionId()))
                .append(" key=").append(orDash(s.keyFingerprint()))
                .append(" model=").append(orDash(s.clientModel()));
        if (s.upstream() != null) {
            line.append("->").append(s.upstream()).append('/').append(orDash(s.upstreamModel()));
        }
        line.append(s.stream() ? " stream" : " sync")
                .append(" status=").append(s.status());
        if (s.upstreamStatus() != 0) {
            line.append(" upstream_status=").append(s.upstreamStatus());
        }
        if (s.stopReason() != null) {
            line.append(" stop=").append(s.stopReason());
        }
        if (s.tokens() != null) {
            line.append(" in=").append(s.tokens().input()).append(" out=").append(s.tokens().output())
                    .append(" cache_read=").append(s.tokens().cacheRead())
                    .append(" cache_write=").append(s.tokens().cacheCreation());
        }
        if (s.firstTokenMillis() >= 0) {
            line.append(" ttft_ms=").append(s.firstTokenMillis());
        }
        line.append(" total_ms=").append(s.totalMillis());
        if (!s.failedOver().isEmpty()) {
            line.append(" failed_over=").append(String.join(",", s.failedOver()));
        }
        for (Map.Entry<String, String> entry : s.report().entrySet()) {
            line.append(' ').append(entry.getKey()).append('=').append(entry.getValue());
        }
        if (s.clientGone()) {
            line.append(" client_gone");
        }
        if (s.errorType() != null) {
            line.append(" error=").append(s.errorType()).append(" \"").append(s.errorMessage()).append('"');
        }
        return line.toString();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
