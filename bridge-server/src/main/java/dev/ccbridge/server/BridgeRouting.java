package dev.ccbridge.server;

import dev.ccbridge.server.http.DirectErrors;
import dev.ccbridge.server.http.HealthService;
import dev.ccbridge.server.http.MessagesService;
import dev.ccbridge.server.http.ModelsService;
import dev.ccbridge.server.http.UnmatchedRoutes;
import dev.ccbridge.server.http.UsageService;
import dev.ccbridge.server.probe.ReadinessCheck;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * The bridge's routes, observe endpoints and answers to requests no route takes, shared by {@link Main} and the
 * tests so a route cannot exist in only one of them.
 */
public final class BridgeRouting {

    private BridgeRouting() {
    }

    /**
     * @param config the whole configuration; the server's settings are under {@code server}
     * @param bridge the assembled bridge
     * @return a server with the bridge's routes, observe endpoints and error answers, for the caller to give an
     *         address and start
     */
    public static WebServerConfig.Builder server(Config config, Bridge bridge) {
        HelidonMappers.pin();
        return WebServer.builder()
                .config(config.get("server"))
                .addFeature(observe(config.get("server"), bridge))
                .routing(routing -> routing(routing, bridge))
                .directHandlers(directHandlers(bridge));
    }

    /**
     * Registers the Messages, count_tokens, models and usage routes at the root and under the configured prefix,
     * {@code /health}, and Anthropic errors for any other path or method.
     *
     * @param routing the routing to fill
     * @param bridge  the assembled bridge
     */
    private static void routing(HttpRouting.Builder routing, Bridge bridge) {
        MessagesService messages = new MessagesService(bridge);
        ModelsService models = new ModelsService(bridge, bridge.settings().advertisedModels());
        UsageService usage = new UsageService(bridge);
        routing.register("/", messages, models, usage);
        String prefix = bridge.settings().prefix();
        if (!prefix.isEmpty()) {
            routing.register(prefix, messages, models, usage);
        }
        routing.register("/health", new HealthService(bridge));
        routing.addFeature(new UnmatchedRoutes(bridge));
    }

    /**
     * @param bridge the assembled bridge
     * @return the server's answers to requests it refuses before routing (unreadable or oversized headers), as
     *         Anthropic errors
     */
    private static DirectHandlers directHandlers(Bridge bridge) {
        return DirectErrors.handlers(bridge);
    }

    /**
     * Helidon's observe endpoints configured from {@code server.features.observe}, with the bridge's readiness
     * check and its meters: {@code /observe/health/live} is up while the process serves,
     * {@code /observe/health/ready} while at least one upstream is usable, {@code /observe/metrics} serves the
     * bridge's registry. Left to itself, the metrics observer asks Helidon for the global registry with its own
     * settings, and Helidon replaces that registry, dropping every meter in it, when those settings differ from the
     * ones it was created with.
     *
     * @param server the {@code server} configuration
     * @param bridge the assembled bridge
     * @return the observe feature
     */
    private static ObserveFeature observe(Config server, Bridge bridge) {
        Config observe = server.get("features.observe");
        return ObserveFeature.builder()
                .config(observe)
                .addObserver(HealthObserver.builder()
                        .config(observe.get("observers.health"))
                        .addCheck(new ReadinessCheck(bridge.health()))
                        .build())
                .addObserver(MetricsObserver.builder()
                        .config(observe.get("observers.metrics"))
                        .meterRegistry(bridge.metrics().registry())
                        .build())
                .build();
    }
}
