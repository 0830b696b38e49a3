package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.ExchangeObserver;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JoyToken's governance signals for one exchange: the {@code X-DAOE-Used-Model} and {@code X-DAOE-Used-Provider}
 * response headers, and {@code metadata.tier}, {@code metadata.billing} (credits, tokens, cost) and
 * {@code metadata.latency} from the response body or the stream. The model and provider go back to the client as
 * {@code x-joytoken-used-model} / {@code x-joytoken-used-provider} (with {@code x-joytoken-request-id} when
 * JoyToken answers with an {@code X-Request-ID}); all of them go on the exchange's log line and usage record, so a
 * team can attribute traffic by key. Report keys: {@code used_model}, {@code used_provider},
 * {@code upstream_request_id}, {@code tier}, {@code credits}, {@code billed_tokens}, {@code cost},
 * {@code currency}, and {@code latency_<name>} for each timing of a latency object ({@code latency} when it is a
 * single number).
 */
final class JoyTokenGovernance implements ExchangeObserver {

    private final Map<String, String> report = new LinkedHashMap<>();
    private final Map<String, String> clientHeaders = new LinkedHashMap<>();

    @Override
    public void onResponseHeaders(int status, Map<String, List<String>> headers) {
        first(headers, "x-daoe-used-model").ifPresent(model -> {
            report.put("used_model", model);
            clientHeaders.put("x-joytoken-used-model", model);
        });
        first(headers, "x-daoe-used-provider").ifPresent(provider -> {
            report.put("used_provider", provider);
            clientHeaders.put("x-joytoken-used-provider", provider);
        });
        first(headers, "x-request-id").ifPresent(id -> {
            report.put("upstream_request_id", id);
            clientHeaders.put("x-joytoken-request-id", id);
        });
    }

    @Override
    public void onChunk(JsonObject chunk) {
        metadata(chunk);
    }

    @Override
    public void onCompletion(JsonObject completion) {
        metadata(completion);
    }

    @Override
    public Map<String, String> clientHeaders() {
        return clientHeaders;
    }

    @Override
    public Map<String, String> report() {
        return report;
    }

    private void metadata(JsonObject json) {
        if (!(json.get("metadata") instanceof JsonObject metadata)) {
            return;
        }
        put("tier", metadata.get("tier"));
        if (metadata.get("billing") instanceof JsonObject billing) {
            put("credits", billing.get("credits"));
            put("cost", billing.get("cost"));
            put("billed_tokens", billing.get("tokens"));
            put("currency", billing.get("currency"));
        }
        if (metadata.get("latency") instanceof JsonObject latency) {
            latency.forEach((key, value) -> put("latency_" + key, value));
        } else {
            put("latency", metadata.get("latency"));
        }
        put("used_model", metadata.get("model"));
        put("used_provider", metadata.get("provider"));
    }

    private void put(String key, JsonValue value) {
        if (value instanceof JsonString s && !s.getString().isBlank()) {
            report.put(key, s.getString());
        } else if (value instanceof JsonNumber n) {
            report.put(key, n.toString());
        } else if (value instanceof JsonObject o) {
            report.put(key, o.toString());
        }
    }

    private static java.util.Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(values.getFirst());
    }
}
