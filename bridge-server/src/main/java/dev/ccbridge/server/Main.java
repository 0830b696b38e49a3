package dev.ccbridge.server;

import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.CommandLine;
import dev.ccbridge.server.observe.UsageCommand;
import dev.ccbridge.server.demo.Demo;
import dev.ccbridge.server.doctor.DoctorCommand;
import dev.ccbridge.server.probe.UpstreamHealth;
import dev.ccbridge.server.probe.UpstreamStatus;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Starts the bridge: configuration, logging, the adapters and upstreams, the web server, the summary. */
public final class Main {

    private static final System.Logger LOG = System.getLogger("ccbridge");

    private Main() {
    }

    /**
     * @param args command-line options, or {@code usage} and its options; {@code --help} lists them
     */
    public static void main(String[] args) {
        HelidonMappers.pin();
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "usage" -> System.exit(UsageCommand.run(rest, System.out, System.err));
            case DoctorCommand.NAME -> System.exit(DoctorCommand.run(rest, System.out));
            default -> {
            }
        }
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
            if (commandLine.options().containsKey(CommandLine.DEMO)) {
                start(Demo.config(commandLine.options(), Demo.startUpstream().baseUrl()));
            } else {
                start(commandLine.config());
            }
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
        return start(config, System.out);
    }

    /**
     * Starts the bridge on the configured address.
     *
     * @param config  the configuration
     * @param summary where the startup summary goes
     * @return the running server
     */
    public static WebServer start(Config config, PrintStream summary) {
        BridgeSettings settings = BridgeSettings.from(config);
        Bridge bridge = Bridge.create(settings, new RandomIds(), Clock.systemUTC());
        Duration probeInterval = UpstreamHealth.interval(config.get("bridge"));
        WebServer server = BridgeRouting.server(config, bridge)
                .host(settings.host())
                .port(settings.port())
                .build()
                .start();
        if (StartupSummary.exposedWithoutKey(settings)) {
            LOG.log(System.Logger.Level.WARNING, "ccbridge listens on " + settings.host() + ":" + server.port()
                    + ", which other machines can reach, and GATEWAY_API_KEY is not set: anyone who reaches this "
                    + "port can use the bridge and spend its upstream keys. Set GATEWAY_API_KEY, or HOST=127.0.0.1 "
                    + "to listen on this machine only.");
        }
        if (!server.isRunning()) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port()
                    + ": another program uses the port, or the address is not this machine's; stop that program, "
                    + "or choose another port with --port (PORT) or address with --host (HOST)");
        }
        List<UpstreamStatus> probes = bridge.health().refresh();
        StartupSummary.print(bridge, server.port(), probes, config.get(Demo.FLAG).asBoolean().orElse(false),
                summary);
        bridge.health().refreshEvery(probeInterval, server::isRunning);
        Thread.ofVirtual().name("catalog-prefetch").start(bridge.catalogs()::entries);
        return server;
    }
}
