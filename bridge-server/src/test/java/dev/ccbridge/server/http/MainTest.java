package dev.ccbridge.server.http;

import dev.ccbridge.server.Main;
import dev.ccbridge.server.testing.Json;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Main#start}: the server the {@code ccbridge} command starts, with its routes, Helidon's observe endpoints
 * and the startup summary.
 */
class MainTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startServesTheBridgeRoutesAndHelidonsHealthEndpoint() throws Exception {
        WebServer server = quietly(() -> Main.start(config(Map.of())));
        try {
            HttpResponse<String> health = get(server, "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("ok", Json.parseObject(health.body()).getString("status"));

            HttpResponse<String> observed = get(server, "/observe/health/live");
            assertEquals(200, observed.statusCode(), observed.body());
            JsonObject status = Json.parseObject(observed.body());
            assertEquals("UP", status.getString("status"), observed.body());

            assertEquals(200, get(server, "/v1/models").statusCode());
            assertEquals(200, get(server, "/anthropic/v1/models").statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void bindingAllInterfacesPrintsAUsableLoopbackUrl() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebServer server = quietly(out, () -> Main.start(config(Map.of("HOST", "0.0.0.0"))));
        try {
            assertEquals(200, get(server, "/health").statusCode());
            String summary = out.toString(StandardCharsets.UTF_8);
            assertTrue(summary.contains("export ANTHROPIC_BASE_URL=http://127.0.0.1:" + server.port() + "\n"), summary);
        } finally {
            server.stop();
        }
    }

    @Test
    void startupSummarySaysWhatToSetAndNeverPrintsAKey() {
        ByteArrayOutputStream unconfigured = new ByteArrayOutputStream();
        quietly(unconfigured, () -> Main.start(config(Map.of()))).stop();
        String summary = unconfigured.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("JOY_TOKEN_API_KEY") && summary.contains("UPSTREAM_BASE_URL"), summary);
        assertTrue(summary.contains("ANTHROPIC_BASE_URL=http://127.0.0.1:"), summary);

        ByteArrayOutputStream configured = new ByteArrayOutputStream();
        quietly(configured, () -> Main.start(config(Map.of(
                "UPSTREAM_BASE_URL", "http://127.0.0.1:9/v1",
                "UPSTREAM_API_KEY", "upstream-fake-key-abcdef",
                "GATEWAY_API_KEY", "gateway-fake-key-ghijkl")))).stop();
        String text = configured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("http://127.0.0.1:9/v1/chat/completions"), text);
        assertFalse(text.contains("upstream-fake-key-abcdef"), text);
        assertFalse(text.contains("gateway-fake-key-ghijkl"), text);
        assertTrue(text.contains("****ijkl"), text);
    }

    @Test
    void startRefusesABadSettingNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Main.start(config(Map.of("MODEL_MAP_JSON", "{oops"))));

        assertTrue(error.getMessage().contains("MODEL_MAP_JSON"), error.getMessage());
    }

    private static Config config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("PORT", "0");
        values.put("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
    }

    private HttpResponse<String> get(WebServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebServer quietly(Supplier<WebServer> start) {
        return quietly(new ByteArrayOutputStream(), start);
    }

    /** Runs {@code start} with {@link System#out} captured, where {@link Main#start} prints its summary. */
    private static WebServer quietly(ByteArrayOutputStream out, Supplier<WebServer> start) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return start.get();
        } finally {
            System.setOut(original);
        }
    }
}
