package dev.ccbridge.server.http;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.Version;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.probe.UpstreamStatus;
import dev.ccbridge.server.upstream.ConfiguredUpstream;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /health}: 200 whenever the bridge can answer requests, with whether it is ready and the latest probe of
 * each upstream, read from memory (never a call upstream). It stays 200 while upstreams are down on purpose: the
 * bridge then still answers Claude Code with an Anthropic error that names the upstream, which is more useful than
 * a load balancer's own error page. Probes that should take a replica out of rotation use
 * {@code /observe/health/ready}.
 */
public final class HealthService implements HttpService {

    /** Identifies this bridge in the body, so {@code doctor} can tell it from another server on the port. */
    public static final String SERVICE = "ccbridge";

    private final Bridge bridge;

    /**
     * @param bridge the assembled bridge
     */
    public HealthService(Bridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health)
                .any("/", UnmatchedRoutes.methodNotAllowed(bridge, "GET"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        List<UpstreamStatus> latest = bridge.health().latest().orElse(List.of());
        JsonArrayBuilder upstreams = JsonFactories.BUILDERS.createArrayBuilder();
        for (ConfiguredUpstream upstream : bridge.router().upstreams()) {
            JsonObjectBuilder entry = JsonFactories.BUILDERS.createObjectBuilder()
                    .add("name", upstream.name())
                    .add("adapter", upstream.adapterId());
            latest.stream().filter(s -> s.upstream().equals(upstream.name())).findFirst()
                    .ifPresent(status -> probe(entry, status));
            upstreams.add(entry);
        }
        JsonObjectBuilder body = JsonFactories.BUILDERS.createObjectBuilder()
                .add("status", "ok")
                .add("service", SERVICE)
                .add("version", Version.current())
                .add("ready", bridge.health().ready());
        String notReady = bridge.health().notReadyBecause();
        if (notReady != null) {
            body.add("not_ready_because", notReady);
        }
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body.add("upstreams", upstreams).build().toString());
    }

    private static void probe(JsonObjectBuilder entry, UpstreamStatus status) {
        entry.add("reachable", status.reachable())
                .add("key", status.key().name().toLowerCase(Locale.ROOT))
                .add("checked_at", status.at().toString())
                .add("summary", status.describe());
        status.catalog().ifPresent(models -> entry.add("models", models.size()));
        if (status.defaultModel() != null) {
            entry.add("default_model", status.defaultModel())
                    .add("default_model_listing", status.listing().name().toLowerCase(Locale.ROOT));
        }
        if (status.problem() != null) {
            entry.add("problem", status.problem());
        }
    }
}
