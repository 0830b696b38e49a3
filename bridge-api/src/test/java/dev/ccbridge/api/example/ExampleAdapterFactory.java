package dev.ccbridge.api.example;

import dev.ccbridge.api.AdapterContext;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.api.UpstreamAdapterFactory;

import java.net.URI;
import java.util.Map;

/**
 * The smallest complete adapter, {@code example}: a required {@code base-url}, an optional Bearer
 * {@code api-key}, and the SPI's defaults for everything else. It proves the conformance test can be passed by
 * what the SPI asks for and nothing more; it is left out of the test-jar so no other module sees it.
 */
public final class ExampleAdapterFactory implements UpstreamAdapterFactory {

    @Override
    public String id() {
        return "example";
    }

    @Override
    public UpstreamAdapter create(AdapterSettings settings, AdapterContext context) {
        URI base = settings.getUri("base-url", null);
        String key = settings.find("api-key").orElse(null);
        return new UpstreamAdapter() {
            @Override
            public URI chatCompletionsUri(String model) {
                return URI.create(base + "/chat/completions");
            }

            @Override
            public Capabilities capabilities(String model) {
                return Capabilities.builder().contextWindow(128000).maxOutputTokens(16384).build();
            }

            @Override
            public void prepare(OutboundRequest request) {
                request.headers().putAll(authHeaders(request.callerKey().orElse(null)));
            }

            @Override
            public Map<String, String> authHeaders(String callerKey) {
                String token = key != null ? key : callerKey;
                return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
            }
        };
    }
}
