package dev.ccbridge.server;

import dev.ccbridge.server.http.HealthService;
import dev.ccbridge.server.http.MessagesService;
import dev.ccbridge.server.http.ModelsService;
import dev.ccbridge.server.probe.ReadinessCheck;

import io.helidon.config.Config;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

/** The bridge's routes, shared by {@link Main} and the tests so a route cannot exist in only one of them. */
public final class BridgeRouting {

    private BridgeRouting() {
    }

    /**
     * Registers the Messages, count_tokens and models routes at the root and under the configured prefix, and
     * {@code /health}.
     *
     * @param routing the routing to fill
     * @param bridge  the assembled bridge
     */
    public static void routing(HttpRouting.Builder routing, Bridge bridge) {
        MessagesService messages = new MessagesService(bridge);
        ModelsService models = new ModelsService(bridge, bridge.settings().advertisedModels());
        routing.register("/", messages, models);
        String prefix = bridge.settings().prefix();
        if (!prefix.isEmpty()) {
            routing.register(prefix, messages, models);
        }
        routing.register("/health", new HealthService(bridge));
    }

    /**
     * Helidon's observe endpoints as configured, with the bridge's readiness check:
     * {@code /observe/health/live} is up while the process serves, {@code /observe/health/ready} while at least
     * one upstream is usable.
     *
     * @param observe the {@code server.features.observe} configuration
     * @param bridge  the assembled bridge
     * @return the feature to add to the server
     */
    public static ObserveFeature observe(Config observe, Bridge bridge) {
        return ObserveFeature.builder()
                .config(observe)
                .addObserver(HealthObserver.builder()
                        .config(observe.get("observers.health"))
                        .addCheck(new ReadinessCheck(bridge.health()))
                        .build())
                .build();
    }
}
