package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.ExchangeObserver;
import dev.ccbridge.api.FailureKind;
import dev.ccbridge.api.ModelCatalog;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.UpstreamFailure;
import dev.ccbridge.api.UpstreamRejection;
import dev.ccbridge.upstream.openai.GenericOpenAiAdapter;

import jakarta.json.Json;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JoyToken: an OpenAI-compatible gateway that routes {@code model:"auto"} across providers, applies key policy,
 * wallet and budget checks, and reports which model and provider answered and what it cost.
 *
 * <p>Settings, besides those of every OpenAI-compatible upstream: {@code base-url} (default
 * {@value #DEFAULT_BASE_URL}), {@code api-key} (sent as {@code Authorization: Bearer}), {@code tier} (sent as the
 * request's {@code tier}; a route's {@code tier} option wins), and {@code allowed-models}, a comma list of
 * JoyToken model keys: when set, a request for any other model is refused before it is sent, so a mapping mistake
 * fails loudly instead of billing an unexpected model. Every request carries the exchange's id as
 * {@code X-Request-ID}, so the bridge's log and JoyToken's Logs name the same request.
 */
final class JoyTokenAdapter extends GenericOpenAiAdapter {

    /** JoyToken's public OpenAI-compatible endpoint, from its quickstart. */
    static final String DEFAULT_BASE_URL = "https://api-dev.joytokens.ai/openai/v1";

    private final String upstreamName;
    private final List<String> allowedModels;
    private final String tier;
    private final URI catalogUri;

    JoyTokenAdapter(AdapterSettings settings) {
        super(withDefaultBaseUrl(settings));
        this.upstreamName = settings.upstreamName();
        this.catalogUri = settings.getUri("base-url", DEFAULT_BASE_URL).resolve("/api/v1/models");
        this.allowedModels = Arrays.stream(settings.get("allowed-models", "").split(",")).map(String::strip)
                .filter(key -> !key.isEmpty()).distinct().toList();
        this.tier = settings.find("tier").orElse(null);
    }

    private static AdapterSettings withDefaultBaseUrl(AdapterSettings settings) {
        if (settings.find("base-url").isPresent()) {
            return settings;
        }
        Map<String, String> values = new TreeMap<>(settings.values());
        values.put("base-url", DEFAULT_BASE_URL);
        return new AdapterSettings(settings.upstreamName(), values);
    }

    @Override
    public void prepare(OutboundRequest request) {
        String model = request.model();
        if (!allowedModels.isEmpty() && !allowedModels.contains(model)) {
            throw new UpstreamRejection(new UpstreamFailure(FailureKind.NOT_FOUND, "model '" + model
                    + "' is not allowed on upstream '" + upstreamName + "' (setting allowed-models: "
                    + String.join(", ", allowedModels) + "); map the Claude model to one of these JoyToken model "
                    + "keys, or add it to allowed-models"));
        }
        super.prepare(request);
        request.headers().put("X-Request-ID", request.requestId());
        String routeTier = request.routeOptions().getOrDefault("tier", tier);
        if (routeTier != null) {
            request.body(Json.createObjectBuilder(request.body()).add("tier", routeTier).build());
        }
    }

    @Override
    public ExchangeObserver observe() {
        return new JoyTokenGovernance();
    }

    @Override
    public Optional<UpstreamFailure> classifyError(int status, Map<String, List<String>> headers, String body) {
        return JoyTokenErrors.classify(status, body);
    }

    @Override
    public Optional<ModelCatalog> modelCatalog() {
        return Optional.of(new JoyTokenCatalog(catalogUri));
    }

    @Override
    public String describe() {
        return super.describe() + (allowedModels.isEmpty() ? "" : "; allowed models: " + String.join(", ",
                allowedModels)) + (tier == null ? "" : "; tier: " + tier);
    }
}
