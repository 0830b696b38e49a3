package dev.ccbridge.server;

import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.testing.TestBridge;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the startup summary says about the exchange log and the usage store, so an operator knows where to look. */
class StartupSummaryLogsTest {

    @Test
    void itNamesTheExchangeLogAndTheUsageFolderAndHowToReadIt() {
        String summary = summary(Map.of("BRIDGE_EXCHANGE_LOG", "/var/log/ccbridge/exchanges.jsonl",
                "BRIDGE_USAGE_DIR", "/data/usage", "BRIDGE_REPLICA", "pod-3"));

        assertTrue(summary.contains("\n  exchange log: /var/log/ccbridge/exchanges.jsonl (one JSON line per "
                + "exchange)\n"), summary);
        assertTrue(summary.contains("\n  usage: recorded in /data/usage as <day>.pod-3.jsonl; 'ccbridge usage' or "
                + "GET /v1/usage sums it\n"), summary);
    }

    @Test
    void itSaysWhenUsageIsNotRecorded() {
        String summary = summary(Map.of());

        assertTrue(summary.contains("\n  usage: not recorded (BRIDGE_USAGE_DIR is off)\n"), summary);
        assertFalse(summary.contains("exchange log:"), summary);
    }

    private static String summary(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
        Bridge bridge = Bridge.create(BridgeSettings.from(config), new RandomIds(), TestBridge.CLOCK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StartupSummary.print(bridge, 8787, List.of(), false, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
