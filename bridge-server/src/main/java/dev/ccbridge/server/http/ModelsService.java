package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.recording.ExchangeTap;
import dev.ccbridge.server.upstream.ModelCatalogs;
import dev.ccbridge.server.upstream.NotConfiguredException;
import dev.ccbridge.server.upstream.Route;
import dev.ccbridge.server.upstream.UnknownCatalogModelException;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/models} in the Anthropic shape ({@code data}, {@code has_more}, {@code first_id},
 * {@code last_id}, paged by {@code limit}, {@code after_id}, {@code before_id}) and {@code GET /v1/models/{id}}.
 * Claude Code's gateway model discovery keeps only ids that start with {@code claude}, so the list holds Claude
 * model names, each saying in its display name which upstream model answers for it, and the models of the
 * upstreams' catalogs as {@code claude-via-<upstream>/<model>}, which route to exactly that model.
 */
public final class ModelsService implements HttpService {

    /** The model ids Claude Code uses by default, advertised when the configuration names none. */
    public static final List<String> DEFAULT_ADVERTISED = List.of("claude-opus-5-5", "claude-sonnet-5-5",
            "claude-haiku-5-5", "claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5");
    private static final String CREATED_AT = "2026-01-01T00:00:00Z";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 1000;

    private final Bridge bridge;
    private final List<String> advertised;

    /**
     * @param bridge     the assembled bridge
     * @param advertised extra client model ids to list, besides the exact Claude names of the model map
     */
    public ModelsService(Bridge bridge, List<String> advertised) {
        this.bridge = bridge;
        Set<String> ids = new LinkedHashSet<>();
        bridge.router().models().exact().keySet().stream()
                .filter(id -> id.toLowerCase(Locale.ROOT).startsWith("claude")).sorted().forEach(ids::add);
        ids.addAll(advertised.isEmpty() ? DEFAULT_ADVERTISED : advertised);
        this.advertised = List.copyOf(ids);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v1/models", this::list)
                .get("/v1/models/{+id}", this::one)
                .any("/v1/models", UnmatchedRoutes.methodNotAllowed(bridge, "GET"))
                .any("/v1/models/{+id}", UnmatchedRoutes.methodNotAllowed(bridge, "GET"));
    }

    /** The configured Claude ids, then every catalog model. */
    private List<String> ids() {
        Set<String> ids = new LinkedHashSet<>(advertised);
        bridge.catalogs().entries().forEach(entry -> ids.add(entry.clientId()));
        return List.copyOf(ids);
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<String> all = ids();
        int limit = req.query().first("limit").map(ModelsService::limit).orElse(DEFAULT_LIMIT);
        Optional<String> after = req.query().first("after_id").asOptional();
        Optional<String> before = req.query().first("before_id").asOptional();
        int from = 0;
        int to = all.size();
        if (after.isPresent()) {
            from = all.indexOf(after.get()) + 1;
        }
        if (before.isPresent()) {
            int at = all.indexOf(before.get());
            to = at < 0 ? all.size() : at;
            from = Math.max(from, to - limit);
        }
        List<String> page = new ArrayList<>(all.subList(Math.min(from, to), to));
        boolean more = page.size() > limit || (before.isPresent() && from > 0);
        if (page.size() > limit) {
            page = page.subList(0, limit);
        }
        JsonArrayBuilder data = JsonFactories.BUILDERS.createArrayBuilder();
        page.forEach(id -> data.add(model(id)));
        JsonObjectBuilder body = JsonFactories.BUILDERS.createObjectBuilder()
                .add("data", data)
                .add("has_more", more);
        if (page.isEmpty()) {
            body.addNull("first_id").addNull("last_id");
        } else {
            body.add("first_id", page.getFirst()).add("last_id", page.getLast());
        }
        send(res, body.build(), RequestIds.of(req.headers(), bridge.ids()));
    }

    /** Catalog ids hold a slash ({@code claude-via-openrouter/deepseek/deepseek-r1}), so the id spans segments. */
    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        String requestId = RequestIds.of(req.headers(), bridge.ids());
        if (!advertised.contains(id) && !id.startsWith(ModelCatalogs.PREFIX)) {
            new ClientSide(res, requestId, bridge.secrets(), ExchangeTap.NONE)
                    .sendError(new AnthropicError(404, "not_found_error", "model: " + id
                            + " (GET /v1/models lists the models this bridge offers)"));
            return;
        }
        try {
            send(res, model(id), requestId);
        } catch (UnknownCatalogModelException e) {
            new ClientSide(res, requestId, bridge.secrets(), ExchangeTap.NONE)
                    .sendError(new AnthropicError(404, "not_found_error", e.getMessage()));
        }
    }

    private JsonObject model(String id) {
        JsonObjectBuilder model = JsonFactories.BUILDERS.createObjectBuilder()
                .add("type", "model")
                .add("id", id);
        try {
            Route.Target target = bridge.router().route(id).targets().getFirst();
            Capabilities capabilities = target.upstream().adapter().capabilities(target.model());
            Optional<CatalogModel> listed = bridge.catalogs().find(target.upstream(), target.model());
            int window = listed.map(CatalogModel::contextWindow).filter(n -> n > 0)
                    .orElse(capabilities.contextWindow());
            int output = listed.map(CatalogModel::maxOutputTokens).filter(n -> n > 0)
                    .orElse(capabilities.maxOutputTokens());
            model.add("display_name", id.startsWith(ModelCatalogs.PREFIX)
                    ? target.model() + " on " + target.upstream().name()
                    : id + " (" + target.upstream().name() + ": " + target.model() + ")");
            model.add("created_at", CREATED_AT);
            if (window > 0) {
                model.add("max_input_tokens", window);
            }
            if (output > 0) {
                model.add("max_tokens", output);
            }
        } catch (NotConfiguredException e) {
            model.add("display_name", id + " (no upstream configured)").add("created_at", CREATED_AT);
        }
        return model.build();
    }

    private static int limit(String value) {
        try {
            return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    private void send(ServerResponse res, JsonObject body, String requestId) {
        new ClientSide(res, requestId, bridge.secrets(), ExchangeTap.NONE)
                .sendJson(200, body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
