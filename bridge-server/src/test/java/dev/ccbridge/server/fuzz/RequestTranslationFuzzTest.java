package dev.ccbridge.server.fuzz;

import dev.ccbridge.server.anthropic.MessagesRequest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import jakarta.json.JsonValue;

/**
 * Fuzzes the request path: arbitrary bytes as a request body, and structured requests built from fuzzer data
 * ({@link AnthropicRequests}), each translated for several upstreams and checked by
 * {@link RequestPipeline}. Regression inputs, including every crash Jazzer found, live in
 * {@code src/test/resources/dev/ccbridge/server/fuzz/RequestTranslationFuzzTestInputs/<method>/}.
 */
class RequestTranslationFuzzTest {

    private static final FuzzBudget SCHEMA_CHECKS = new FuzzBudget();

    @FuzzTest
    void requestBytes(byte[] body) {
        JsonValue json = RequestPipeline.parse(body);
        if (json == null) {
            return;
        }
        MessagesRequest request = RequestPipeline.read(json);
        if (request == null) {
            return;
        }
        for (String upstream : GenericUpstreams.UPSTREAMS) {
            RequestPipeline.translateAndCheck(request, upstream, SCHEMA_CHECKS.take());
        }
    }

    @FuzzTest
    void structuredRequest(FuzzedDataProvider data) {
        String upstream = data.pickValue(GenericUpstreams.UPSTREAMS);
        MessagesRequest request = RequestPipeline.read(AnthropicRequests.request(data));
        if (request == null) {
            return;
        }
        RequestPipeline.translateAndCheck(request, upstream, SCHEMA_CHECKS.take());
    }
}
