package dev.ccbridge.server.config;

import io.helidon.config.Config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where finished exchanges are written down besides the console line.
 *
 * @param exchangeLog     the JSON-lines exchange log ({@code BRIDGE_EXCHANGE_LOG}, {@code bridge.exchange-log}),
 *                        or {@code null} when there is none
 * @param payloadLogLimit how many characters of each body the payload log ({@code ccbridge.payload} at debug)
 *                        keeps ({@code BRIDGE_PAYLOAD_LOG_LIMIT}, {@code bridge.payload-log-limit}, default 2000)
 * @param usageDir        the usage store's folder ({@code BRIDGE_USAGE_DIR}, {@code bridge.usage-dir}), or
 *                        {@code null} when usage is not recorded ({@code off}); the {@code ccbridge} command
 *                        defaults it to {@code ./usage}, an embedded bridge to none
 * @param replica         this replica's name in its usage file names ({@code BRIDGE_REPLICA},
 *                        {@code bridge.replica}; default the host name), so replicas sharing a folder never
 *                        append to the same file; {@code null} when usage is not recorded
 */
public record LogSettings(Path exchangeLog, int payloadLogLimit, Path usageDir, String replica) {

    /** The payload log's length per body when none is configured. */
    public static final int DEFAULT_PAYLOAD_LOG_LIMIT = 2000;
    private static final Set<String> OFF = Set.of("off", "none", "false", "no");

    /**
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value is invalid; the message names the setting
     */
    public static LogSettings from(Config config) {
        Config bridge = config.get("bridge");
        Path exchangeLog = BridgeSettings.seed(config, "BRIDGE_EXCHANGE_LOG")
                .or(() -> bridge.get("exchange-log").asString().asOptional().filter(s -> !s.isBlank()))
                .filter(value -> !OFF.contains(value.strip().toLowerCase(Locale.ROOT)))
                .map(Path::of).orElse(null);
        String limit = BridgeSettings.seed(config, "BRIDGE_PAYLOAD_LOG_LIMIT")
                .or(() -> bridge.get("payload-log-limit").asString().asOptional())
                .orElse(String.valueOf(DEFAULT_PAYLOAD_LOG_LIMIT));
        int payloadLogLimit;
        try {
            payloadLogLimit = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            payloadLogLimit = -1;
        }
        if (payloadLogLimit < 1) {
            throw new IllegalArgumentException("BRIDGE_PAYLOAD_LOG_LIMIT (bridge.payload-log-limit) must be a "
                    + "number of characters of at least 1, got '" + limit + "'");
        }
        Path usageDir = usageDir(config).orElse(null);
        return new LogSettings(exchangeLog, payloadLogLimit, usageDir, usageDir == null ? null : replica(config));
    }

    /**
     * @param config the root configuration
     * @return the usage store's folder, or empty when usage is not recorded
     */
    public static Optional<Path> usageDir(Config config) {
        return BridgeSettings.seed(config, "BRIDGE_USAGE_DIR")
                .or(() -> config.get("bridge.usage-dir").asString().asOptional().filter(s -> !s.isBlank()))
                .filter(value -> !OFF.contains(value.strip().toLowerCase(Locale.ROOT)))
                .map(Path::of);
    }

    private static String replica(Config config) {
        String name = BridgeSettings.seed(config, "BRIDGE_REPLICA")
                .or(() -> config.get("bridge.replica").asString().asOptional().filter(s -> !s.isBlank()))
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElseGet(LogSettings::hostName);
        String safe = name.strip().replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.startsWith(".")) {
            throw new IllegalArgumentException("BRIDGE_REPLICA (bridge.replica) must be a name such as bridge-1, "
                    + "got '" + name + "'");
        }
        return safe;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "bridge";
        }
    }
}
