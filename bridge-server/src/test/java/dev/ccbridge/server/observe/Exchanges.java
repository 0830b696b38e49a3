package dev.ccbridge.server.observe;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Finished exchanges for the tests of what is written about them, with only the fields that matter given. */
final class Exchanges {

    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private Exchanges() {
    }

    /**
     * @param time     when the request arrived, ISO-8601
     * @param key      the key's fingerprint, or {@code null}
     * @param session  the session id, or {@code null}
     * @param model    the model asked of the upstream {@code up}
     * @param tokens   uncached input, output, cache reads, cache writes
     * @param report   what the adapter reported
     * @return an answered exchange
     */
    static ExchangeSummary answered(String time, String key, String session, String model, int[] tokens,
                                    Map<String, String> report) {
        return new ExchangeSummary(Instant.parse(time), nextId(), "POST /v1/messages", session, key,
                "claude-sonnet-4-5", "up", model, true, 200, 200, "end_turn",
                new ExchangeSummary.Tokens(tokens[0], tokens[1], tokens[2], tokens[3]), 10, 20, List.of(), report,
                false, null, null);
    }

    /**
     * @param time   when the request arrived, ISO-8601
     * @param key    the key's fingerprint
     * @param status the status the upstream failed with, which the client got
     * @return a failed exchange
     */
    static ExchangeSummary failed(String time, String key, int status) {
        return new ExchangeSummary(Instant.parse(time), nextId(), "POST /v1/messages", null, key,
                "claude-sonnet-4-5", "up", "m", false, status, status, null, null, -1, 5, List.of(), Map.of(),
                false, "api_error", "upstream 'up' answered " + status);
    }

    /**
     * @param time when the request arrived, ISO-8601
     * @return an exchange refused before any upstream was asked
     */
    static ExchangeSummary refusedByTheBridge(String time) {
        return new ExchangeSummary(Instant.parse(time), nextId(), "POST /v1/messages", null, null,
                null, null, null, false, 400, 0, null, null, -1, 1, List.of(), Map.of(), false,
                "invalid_request_error", "messages: at least one message is required");
    }

    private static String nextId() {
        return "req_t" + REQUESTS.incrementAndGet();
    }
}
