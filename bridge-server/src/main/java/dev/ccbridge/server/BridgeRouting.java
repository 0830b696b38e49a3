package dev.ccbridge.server;

import dev.ccbridge.server.http.HealthService;
import dev.ccbridge.server.http.MessagesService;
import dev.ccbridge.server.http.ModelsService;
import dev.ccbridge.server.http.UsageService;

import io.helidon.webserver.http.HttpRouting;

/** The bridge's routes, shared by {@link Main} and the tests so a route cannot exist in only one of them. */
public final class BridgeRouting {

    private BridgeRouting() {
    }

    /**
     * Registers the Messages, count_tokens, models and usage routes at the root and under the configured prefix,
     * and {@code /health}.
     *
     * @param routing the routing to fill
     * @param bridge  the assembled bridge
     */
    public static void routing(HttpRouting.Builder routing, Bridge bridge) {
        MessagesService messages = new MessagesService(bridge);
        ModelsService models = new ModelsService(bridge, bridge.settings().advertisedModels());
        UsageService usage = new UsageService(bridge);
        routing.register("/", messages, models, usage);
        String prefix = bridge.settings().prefix();
        if (!prefix.isEmpty()) {
            routing.register(prefix, messages, models, usage);
        }
        routing.register("/health", new HealthService(bridge));
    }
}
