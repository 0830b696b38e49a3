package dev.ccbridge.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LogSettings}: the JSON-lines log, the payload log's length, the usage folder and the replica name, from
 * environment variables, YAML and the command line; the {@code ccbridge} command records usage by default and an
 * embedded bridge does not.
 */
class LogSettingsTest {

    @Test
    void anEmbeddedBridgeWritesNothingBesidesTheConsoleLine() {
        LogSettings logs = fromEnvironment(Map.of());

        assertNull(logs.exchangeLog());
        assertEquals(LogSettings.DEFAULT_PAYLOAD_LOG_LIMIT, logs.payloadLogLimit());
        assertNull(logs.usageDir());
        assertNull(logs.replica(), "no replica name is needed without usage files");
    }

    @Test
    void theCommandRecordsUsageInDotUsageUnlessTurnedOff(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, "bridge:\n  replica: laptop\n");

        LogSettings byDefault = LogSettings.from(CommandLine.parse(new String[] {"--config", yaml.toString()})
                .config());
        LogSettings off = LogSettings.from(CommandLine.parse(new String[] {"--config", yaml.toString(),
                "--usage-dir", "off"}).config());

        assertEquals(Path.of("usage"), byDefault.usageDir());
        assertEquals("laptop", byDefault.replica());
        assertNull(off.usageDir());
    }

    @Test
    void commandLineOptionsNameTheFiles(@TempDir Path dir) {
        LogSettings logs = LogSettings.from(CommandLine.parse(new String[] {"--exchange-log",
                dir.resolve("exchanges.jsonl").toString(), "--usage-dir=" + dir.resolve("u")}).config());

        assertEquals(dir.resolve("exchanges.jsonl"), logs.exchangeLog());
        assertEquals(dir.resolve("u"), logs.usageDir());
    }

    @Test
    void environmentVariablesAndYamlKeysSetEveryValue(@TempDir Path dir) throws IOException {
        LogSettings fromEnvironment = fromEnvironment(Map.of("BRIDGE_EXCHANGE_LOG", "/var/log/ccbridge.jsonl",
                "BRIDGE_USAGE_DIR", "/data/usage", "BRIDGE_PAYLOAD_LOG_LIMIT", "500", "BRIDGE_REPLICA", "pod-7"));
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, """
                bridge:
                  exchange-log: logs/exchanges.jsonl
                  usage-dir: shared/usage
                  payload-log-limit: 64
                  replica: bridge-b
                """);
        LogSettings fromYaml = LogSettings.from(config(Map.of(), yaml));

        assertEquals(new LogSettings(Path.of("/var/log/ccbridge.jsonl"), 500, Path.of("/data/usage"), "pod-7"),
                fromEnvironment);
        assertEquals(new LogSettings(Path.of("logs/exchanges.jsonl"), 64, Path.of("shared/usage"), "bridge-b"),
                fromYaml);
        assertEquals(Path.of("/data/usage"), LogSettings.from(config(Map.of("BRIDGE_USAGE_DIR", "/data/usage"), yaml))
                .usageDir(), "the environment overrides the file");
    }

    @Test
    void aReplicaNameBecomesSafeForAFileName() {
        assertEquals("pod_7_east", fromEnvironment(Map.of("BRIDGE_USAGE_DIR", "u", "BRIDGE_REPLICA", "pod/7 east"))
                .replica());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fromEnvironment(Map.of("BRIDGE_USAGE_DIR",
                "u", "BRIDGE_REPLICA", ".."))).getMessage().contains("BRIDGE_REPLICA"));
    }

    @Test
    void withoutAReplicaNameTheHostNamesItsFiles() {
        String replica = fromEnvironment(Map.of("BRIDGE_USAGE_DIR", "u")).replica();

        assertTrue(replica.matches("[A-Za-z0-9._-]+") && !replica.startsWith("."), replica);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "lots", "2.5"})
    void aBadPayloadLimitIsRefusedNamingTheSetting(String limit) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fromEnvironment(Map.of("BRIDGE_PAYLOAD_LOG_LIMIT", limit)));

        assertTrue(error.getMessage().contains("BRIDGE_PAYLOAD_LOG_LIMIT"), error.getMessage());
        assertTrue(error.getMessage().contains(limit), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "OFF", "none", "false"})
    void offTurnsTheExchangeLogAndTheUsageStoreOff(String off) {
        LogSettings logs = fromEnvironment(Map.of("BRIDGE_EXCHANGE_LOG", off, "BRIDGE_USAGE_DIR", off));

        assertNull(logs.exchangeLog());
        assertNull(logs.usageDir());
    }

    @Test
    void bridgeSettingsCarryThem() {
        Config config = config(Map.of("BRIDGE_EXCHANGE_LOG", "x.jsonl"), null);

        assertEquals(LogSettings.from(config), BridgeSettings.from(config).logs());
    }

    private static LogSettings fromEnvironment(Map<String, String> environment) {
        return LogSettings.from(config(environment, null));
    }

    /** The sources in {@link CommandLine#config()}'s order, with a given environment instead of the real one. */
    private static Config config(Map<String, String> environment, Path yaml) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(EnvironmentVariables.expand(environment)));
        if (yaml != null) {
            builder.addSource(ConfigSources.file(yaml));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }
}
