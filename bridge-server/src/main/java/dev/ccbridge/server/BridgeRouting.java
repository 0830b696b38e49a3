package dev.ccbridge.server;

import dev.ccbridge.server.http.DirectErrors;
import dev.ccbridge.server.http.HealthService;
import dev.ccbridge.server.http.MessagesService;
import dev.ccbridge.server.http.ModelsService;
import dev.ccbridge.server.http.UnmatchedRoutes;

import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;

/**
 * The bridge's routes and its answers to requests no route takes, shared by {@link Main} and the tests so a route
 * cannot exist in only one of them.
 */
public final class BridgeRouting {

    private BridgeRouting() {
    }

    /**
     * Registers the Messages, count_tokens and models routes at the root and under the configured prefix,
     * {@code /health}, and Anthropic errors for any other path or method.
     *
     * @param routing the routing to fill
     * @param bridge  the assembled bridge
     */
    public static void routing(HttpRouting.Builder routing, Bridge bridge) {
        // Credentials in adapter header settings cannot be declared secret by their factories; mask them before
        // the first request, error or recording can quote them.
        bridge.settings().upstreams().forEach(spec -> bridge.secrets().addCredentialHeaders(spec.settings()));
        MessagesService messages = new MessagesService(bridge);
        ModelsService models = new ModelsService(bridge, bridge.settings().advertisedModels());
        routing.register("/", messages, models);
        String prefix = bridge.settings().prefix();
        if (!prefix.isEmpty()) {
            routing.register(prefix, messages, models);
        }
        routing.register("/health", new HealthService(bridge));
        routing.addFeature(new UnmatchedRoutes(bridge));
    }

    /**
     * @param bridge the assembled bridge
     * @return the server's answers to requests it refuses before routing (unreadable or oversized headers), as
     *         Anthropic errors
     */
    public static DirectHandlers directHandlers(Bridge bridge) {
        return DirectErrors.handlers(bridge);
    }
}
