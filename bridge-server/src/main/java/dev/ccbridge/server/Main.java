package dev.ccbridge.server;

import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.CommandLine;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

import java.time.Clock;

/** Starts the bridge: configuration, logging, the adapters and upstreams, the web server, the summary. */
public final class Main {

    private static final System.Logger LOG = System.getLogger("ccbridge");

    private Main() {
    }

    /**
     * @param args command-line options; {@code --help} lists them
     */
    public static void main(String[] args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ccbridge: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (commandLine.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        if (commandLine.version()) {
            System.out.println("ccbridge " + Version.current());
            return;
        }
        LogConfig.configureRuntime();
        try {
            start(commandLine.config());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("ccbridge: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts the bridge on the configured address.
     *
     * @param config the configuration
     * @return the running server
     */
    public static WebServer start(Config config) {
        BridgeSettings settings = BridgeSettings.from(config);
        Bridge bridge = Bridge.create(settings, new RandomIds(), Clock.systemUTC());
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .host(settings.host())
                .port(settings.port())
                .routing(routing -> BridgeRouting.routing(routing, bridge))
                .directHandlers(BridgeRouting.directHandlers(bridge))
                .build()
                .start();
        if (StartupSummary.exposedWithoutKey(settings)) {
            LOG.log(System.Logger.Level.WARNING, "ccbridge listens on " + settings.host() + ":" + server.port()
                    + ", which other machines can reach, and GATEWAY_API_KEY is not set: anyone who reaches this "
                    + "port can use the bridge and spend its upstream keys. Set GATEWAY_API_KEY, or HOST=127.0.0.1 "
                    + "to listen on this machine only.");
        }
        StartupSummary.print(bridge, server.port(), System.out);
        Thread.ofVirtual().name("catalog-prefetch").start(bridge.catalogs()::entries);
        return server;
    }
}
