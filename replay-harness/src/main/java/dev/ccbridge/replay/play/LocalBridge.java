package dev.ccbridge.replay.play;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.BridgeRouting;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.config.BridgeSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * A bridge in this process on 127.0.0.1 and a free port, configured from the given values and the built-in
 * defaults only (the environment is not read, so a replay never records itself through {@code BRIDGE_RECORD_DIR}),
 * with random ids as in production: a replay normalises them as the recording did.
 */
public final class LocalBridge implements AutoCloseable {

    private final WebServer server;

    private LocalBridge(WebServer server) {
        this.server = server;
    }

    /**
     * @param settings configuration keys and values, e.g. from {@link ReplaySettings#of}
     * @return the started bridge
     * @throws IllegalArgumentException when the settings are invalid
     */
    public static LocalBridge start(Map<String, String> settings) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml"))
                .build();
        Bridge bridge = Bridge.create(BridgeSettings.from(config), new RandomIds(), Clock.systemUTC());
        return new LocalBridge(BridgeRouting.server(config, bridge)
                .host("127.0.0.1")
                .port(0)
                .build()
                .start());
    }

    /**
     * @return the bridge's base URL
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
    }
}
