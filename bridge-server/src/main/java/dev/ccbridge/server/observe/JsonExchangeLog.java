package dev.ccbridge.server.observe;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * The exchange log as JSON lines ({@code BRIDGE_EXCHANGE_LOG}, {@code bridge.exchange-log}): one object per
 * exchange with every field of {@link ExchangeSummary}, each present on every line ({@code null} when unknown) so
 * tools need no guessing. Numbers are JSON numbers; {@code report} holds what the adapter reported, verbatim,
 * with the billing figures repeated as numbers in {@code credits}, {@code cost} and {@code currency}.
 */
public final class JsonExchangeLog implements ExchangeSink {

    private final Path file;
    private final JsonLines lines = new JsonLines("the exchange log");

    /**
     * @param file the file lines are appended to; created with its folders when missing
     */
    public JsonExchangeLog(Path file) {
        this.file = file;
    }

    @Override
    public void exchangeFinished(ExchangeSummary summary) {
        lines.append(file, line(summary));
    }

    /**
     * @param s the exchange
     * @return its JSON line, without the line end
     */
    public static String line(ExchangeSummary s) {
        JsonObjectBuilder line = JsonFactories.BUILDERS.createObjectBuilder()
                .add("time", JsonLines.time(s.time()))
                .add("request_id", s.requestId())
                .add("route", s.route());
        JsonLines.put(line, "session_id", s.sessionId());
        JsonLines.put(line, "key_fingerprint", s.keyFingerprint());
        JsonLines.put(line, "client_model", s.clientModel());
        JsonLines.put(line, "upstream", s.upstream());
        JsonLines.put(line, "upstream_model", s.upstreamModel());
        JsonLines.put(line, "used_model", s.answeringModel());
        line.add("stream", s.stream()).add("status", s.status());
        if (s.upstreamStatus() == 0) {
            line.addNull("upstream_status");
        } else {
            line.add("upstream_status", s.upstreamStatus());
        }
        JsonLines.put(line, "stop_reason", s.stopReason());
        ExchangeSummary.Tokens tokens = s.tokens();
        if (tokens == null) {
            line.addNull("input_tokens").addNull("output_tokens").addNull("cache_read_tokens")
                    .addNull("cache_write_tokens");
        } else {
            line.add("input_tokens", tokens.input()).add("output_tokens", tokens.output())
                    .add("cache_read_tokens", tokens.cacheRead()).add("cache_write_tokens", tokens.cacheCreation());
        }
        if (s.firstTokenMillis() < 0) {
            line.addNull("ttft_ms");
        } else {
            line.add("ttft_ms", s.firstTokenMillis());
        }
        line.add("total_ms", s.totalMillis());
        JsonArrayBuilder failedOver = JsonFactories.BUILDERS.createArrayBuilder();
        s.failedOver().forEach(failedOver::add);
        line.add("failed_over", failedOver);
        Billing billing = Billing.of(s.report());
        JsonLines.put(line, "credits", billing.credits());
        JsonLines.put(line, "cost", billing.cost());
        JsonLines.put(line, "currency", billing.currency());
        JsonObjectBuilder report = JsonFactories.BUILDERS.createObjectBuilder();
        s.report().forEach(report::add);
        line.add("report", report).add("client_gone", s.clientGone());
        JsonLines.put(line, "error_type", s.errorType());
        JsonLines.put(line, "error_message", s.errorMessage());
        return line.build().toString();
    }
}
