package dev.ccbridge.server.observe;

import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.json.JsonOutput;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One line of the usage store: who asked (key fingerprint, session), which models, how many tokens, what it cost.
 * Written and read here only, so the two cannot drift; reading is lenient (a missing field is {@code null} or 0),
 * so a file written by an older bridge still adds up.
 *
 * @param time             when the request arrived
 * @param requestId        the bridge's request id
 * @param keyFingerprint   the caller key's fingerprint, or {@code null} when it presented none
 * @param sessionId        Claude Code's session id, or {@code null}
 * @param clientModel      the model the client asked for
 * @param upstream         the upstream that answered (or failed last)
 * @param upstreamModel    the model asked of it
 * @param usedModel        the model that actually answered, as the upstream reported it, else the model asked
 * @param status           the HTTP status the client got
 * @param errorType        the Anthropic error type, or {@code null} (a stream may fail after its 200)
 * @param inputTokens      uncached input tokens
 * @param outputTokens     output tokens
 * @param cacheReadTokens  input tokens read from the upstream's cache
 * @param cacheWriteTokens input tokens written to the upstream's cache
 * @param credits          credits billed, or {@code null} when the upstream reports none
 * @param cost             cost billed, or {@code null} when the upstream reports none
 * @param currency         the cost's currency, or {@code null}
 */
public record UsageRecord(Instant time,
                          String requestId,
                          String keyFingerprint,
                          String sessionId,
                          String clientModel,
                          String upstream,
                          String upstreamModel,
                          String usedModel,
                          int status,
                          String errorType,
                          long inputTokens,
                          long outputTokens,
                          long cacheReadTokens,
                          long cacheWriteTokens,
                          BigDecimal credits,
                          BigDecimal cost,
                          String currency) {

    /**
     * @param s a finished exchange that reached an upstream
     * @return its usage record
     */
    public static UsageRecord of(ExchangeSummary s) {
        ExchangeSummary.Tokens tokens = s.tokens() == null ? new ExchangeSummary.Tokens(0, 0, 0, 0) : s.tokens();
        Billing billing = Billing.of(s.report());
        return new UsageRecord(s.time(), s.requestId(), s.keyFingerprint(), s.sessionId(), s.clientModel(),
                s.upstream(), s.upstreamModel(), s.answeringModel(), s.status(), s.errorType(), tokens.input(),
                tokens.output(), tokens.cacheRead(), tokens.cacheCreation(), billing.credits(), billing.cost(),
                billing.currency());
    }

    /** @return the UTC day the request arrived */
    public LocalDate day() {
        return time.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** @return whether the client got an error, as a status or as an error event after a stream started */
    public boolean failed() {
        return status >= 400 || errorType != null;
    }

    /** @return this record as one JSON line, without the line end */
    public String toJson() {
        JsonOutput json = new JsonOutput(512).startObject()
                .name("time").string(JsonLines.time(time))
                .name("request_id").string(requestId)
                .name("key_fingerprint").string(keyFingerprint)
                .name("session_id").string(sessionId)
                .name("client_model").string(clientModel)
                .name("upstream").string(upstream)
                .name("upstream_model").string(upstreamModel)
                .name("used_model").string(usedModel)
                .name("status").number(status)
                .name("error_type").string(errorType)
                .name("input_tokens").number(inputTokens)
                .name("output_tokens").number(outputTokens)
                .name("cache_read_tokens").number(cacheReadTokens)
                .name("cache_write_tokens").number(cacheWriteTokens)
                .name("credits").value(amount(credits))
                .name("cost").value(amount(cost))
                .name("currency").string(currency)
                .endObject();
        return new String(json.toByteArray(), StandardCharsets.UTF_8);
    }

    private static JsonValue amount(BigDecimal amount) {
        return amount == null ? JsonValue.NULL : JsonFactories.PROVIDER.createValue(amount);
    }

    /**
     * @param json a line of the store, parsed
     * @return the record
     * @throws IllegalArgumentException when it has no valid {@code time}
     */
    public static UsageRecord fromJson(JsonObject json) {
        Instant time;
        try {
            time = Instant.parse(json.getString("time"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a usage record needs an ISO-8601 time: " + e.getMessage(), e);
        }
        return new UsageRecord(time, string(json, "request_id"), string(json, "key_fingerprint"),
                string(json, "session_id"), string(json, "client_model"), string(json, "upstream"),
                string(json, "upstream_model"), string(json, "used_model"), (int) number(json, "status"),
                string(json, "error_type"), number(json, "input_tokens"), number(json, "output_tokens"),
                number(json, "cache_read_tokens"), number(json, "cache_write_tokens"), decimal(json, "credits"),
                decimal(json, "cost"), string(json, "currency"));
    }

    private static String string(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static long number(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static BigDecimal decimal(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber n ? Billing.bounded(n.bigDecimalValue()) : null;
    }
}
