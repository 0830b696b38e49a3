package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterConfigException;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.ModelCatalog;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.SchemaDialect;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.upstream.openai.quirks.SchemaSanitizer;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An OpenAI-compatible upstream described by a {@link Profile} and its settings:
 * <ul>
 *   <li>{@code profile}: one of {@link Profiles#names()} (default {@value Profiles#DEFAULT});</li>
 *   <li>{@code base-url}: a base URL such as {@code https://api.example.com/v1} or a full
 *       {@code .../chat/completions} URL; optional when the profile has a default; for Azure the resource
 *       endpoint {@code https://<resource>.openai.azure.com}, with the model naming the deployment;</li>
 *   <li>{@code api-key}: sent as the profile says (Bearer, or Azure's {@code api-key} header); without it the
 *       caller's key is forwarded;</li>
 *   <li>{@code api-version}: Azure's API version (default {@value #AZURE_API_VERSION});</li>
 *   <li>{@code headers.<Name>}: extra request headers, e.g. OpenRouter's {@code HTTP-Referer};</li>
 *   <li>capability overrides, see {@link CapabilitySettings}.</li>
 * </ul>
 */
public class GenericOpenAiAdapter implements UpstreamAdapter {

    /** Azure's generally available API version. */
    static final String AZURE_API_VERSION = "2024-10-21";
    private static final String HEADER_PREFIX = "headers.";
    private static final int MODELS_REMEMBERED = 64;

    private final Profile profile;
    private final AdapterSettings settings;
    private final URI baseUrl;
    /** Made once: every request goes there, and parsing a URI per request costs more than the rest of its route. */
    private final URI chatCompletions;
    private final String apiKey;
    private final Map<String, String> extraHeaders;
    private final SchemaSanitizer schemaSanitizer = new SchemaSanitizer();
    private final ConcurrentMap<String, Capabilities> capabilitiesByModel = new ConcurrentHashMap<>();

    /**
     * @param settings the upstream's settings
     * @throws AdapterConfigException naming the upstream and the setting when one is missing or invalid
     */
    public GenericOpenAiAdapter(AdapterSettings settings) {
        this.settings = settings;
        this.profile = profile(settings);
        this.baseUrl = settings.getUri("base-url", profile.defaultBaseUrl());
        this.chatCompletions = Endpoints.chatCompletions(baseUrl);
        this.apiKey = settings.find("api-key").orElse(null);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        settings.values().forEach((key, value) -> {
            if (key.startsWith(HEADER_PREFIX)) {
                headers.put(key.substring(HEADER_PREFIX.length()), value);
            }
        });
        this.extraHeaders = Map.copyOf(headers);
        CapabilitySettings.apply(profile.capabilities(), settings); // bad settings fail at startup, not later
    }

    /**
     * @return the profile this upstream uses
     */
    public Profile profile() {
        return profile;
    }

    private static Profile profile(AdapterSettings settings) {
        try {
            return Profiles.named(settings.get("profile", Profiles.DEFAULT));
        } catch (AdapterConfigException e) {
            throw new AdapterConfigException("upstream '" + settings.upstreamName() + "': setting 'profile': "
                    + e.getMessage());
        }
    }

    @Override
    public URI chatCompletionsUri(String model) {
        if (profile.auth() == AuthStyle.API_KEY_HEADER) {
            return URI.create(azureDeploymentUrl(URLEncoder.encode(model, StandardCharsets.UTF_8)));
        }
        return chatCompletions;
    }

    /**
     * Azure's URL for a deployment. The base is the resource endpoint, {@code https://<resource>.openai.azure.com},
     * as the Azure portal shows it; a base that already ends in {@code /openai} is accepted too.
     */
    private String azureDeploymentUrl(String deployment) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        if (!base.endsWith("/openai")) {
            base += "/openai";
        }
        return base + "/deployments/" + deployment + "/chat/completions?api-version="
                + settings.get("api-version", AZURE_API_VERSION);
    }

    /**
     * Remembered per model name, since applying the settings costs as much as the rest of a request's route. The
     * names come from clients, so the cache starts over when it reaches {@value #MODELS_REMEMBERED} rather than
     * grow without bound.
     */
    @Override
    public Capabilities capabilities(String model) {
        Capabilities known = capabilitiesByModel.get(model);
        if (known != null) {
            return known;
        }
        Capabilities computed = CapabilitySettings.apply(profile.capabilitiesFor(model), settings);
        if (capabilitiesByModel.size() >= MODELS_REMEMBERED) {
            capabilitiesByModel.clear();
        }
        capabilitiesByModel.put(model, computed);
        return computed;
    }

    @Override
    public void prepare(OutboundRequest request) {
        request.headers().putAll(authHeaders(request.callerKey().orElse(null)));
        request.headers().putAll(extraHeaders);
        for (RequestQuirk quirk : profile.requestQuirks()) {
            quirk.apply(request);
        }
        if (capabilities(request.model()).schemaDialect() == SchemaDialect.RESTRICTED) {
            schemaSanitizer.apply(request);
        }
    }

    @Override
    public Map<String, String> authHeaders(String callerKey) {
        String key = apiKey != null ? apiKey : callerKey;
        if (key == null) {
            return Map.of();
        }
        return profile.auth() == AuthStyle.API_KEY_HEADER ? Map.of("api-key", key)
                : Map.of("Authorization", "Bearer " + key);
    }

    @Override
    public List<ChunkQuirk> chunkQuirks(String model) {
        return profile.chunkQuirks();
    }

    @Override
    public Optional<ModelCatalog> modelCatalog() {
        if (profile.auth() == AuthStyle.API_KEY_HEADER) {
            return Optional.empty();
        }
        return Optional.of(new OpenAiModelList(Endpoints.models(baseUrl)));
    }

    @Override
    public String describe() {
        String target = profile.auth() == AuthStyle.API_KEY_HEADER ? azureDeploymentUrl("{model}")
                : chatCompletions.toString();
        return target + " (profile " + profile.name() + (apiKey == null ? ", forwarding the caller's key" : "") + ")";
    }

    /** OpenAI's {@code GET /models}: {@code {"data":[{"id":...}]}}, with limits where a server adds them. */
    private record OpenAiModelList(URI uri) implements ModelCatalog {
        @Override
        public List<CatalogModel> read(JsonStructure body) {
            JsonArray data = body instanceof JsonObject o && o.get("data") instanceof JsonArray a ? a
                    : body instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
            List<CatalogModel> models = new ArrayList<>();
            for (JsonValue value : data) {
                if (value instanceof JsonObject model && !model.getString("id", "").isEmpty()) {
                    models.add(new CatalogModel(model.getString("id"),
                            number(model, "context_length", "context_window", "max_model_len"),
                            number(model, "max_output_tokens", "max_completion_tokens")));
                }
            }
            return models;
        }

        private static int number(JsonObject model, String... fields) {
            for (String field : fields) {
                if (model.get(field) instanceof JsonNumber n) {
                    return n.intValue();
                }
            }
            return 0;
        }
    }
}
