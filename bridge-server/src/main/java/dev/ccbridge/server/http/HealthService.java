package dev.ccbridge.server.http;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.upstream.ConfiguredUpstream;

import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonArrayBuilder;

/** {@code GET /health}: 200 once the bridge serves requests, with the upstreams it knows. */
public final class HealthService implements HttpService {

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
        JsonArrayBuilder upstreams = JsonFactories.BUILDERS.createArrayBuilder();
        for (ConfiguredUpstream upstream : bridge.router().upstreams()) {
            upstreams.add(JsonFactories.BUILDERS.createObjectBuilder()
                    .add("name", upstream.name())
                    .add("adapter", upstream.adapterId()));
        }
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(JsonFactories.BUILDERS.createObjectBuilder()
                .add("status", "ok")
                .add("upstreams", upstreams)
                .build().toString());
    }
}
