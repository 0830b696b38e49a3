package dev.ccbridge.replay.live;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.BridgeRouting;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.config.BridgeSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The bridge, started in this process on 127.0.0.1 and a free port from a map of settings, with nothing read from
 * the environment, so a scenario runs the same everywhere.
 */
public final class InProcessBridge implements AutoCloseable {

    private final WebServer server;

    /**
     * @param settings configuration keys and values (seed names such as {@code UPSTREAM_BASE_URL} work)
     */
    public InProcessBridge(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        values.put("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        values.putAll(settings);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
        Bridge bridge = Bridge.create(BridgeSettings.from(config), new RandomIds(), Clock.systemUTC());
        this.server = BridgeRouting.server(config, bridge)
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
    }

    /**
     * @return the bridge's base URL
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
