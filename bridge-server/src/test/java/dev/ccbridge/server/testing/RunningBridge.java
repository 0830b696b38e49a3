package dev.ccbridge.server.testing;

import dev.ccbridge.server.Main;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The bridge as the {@code ccbridge} command starts it ({@link Main#start(Config, PrintStream)}: observe endpoints,
 * startup probe and summary, background probes), on 127.0.0.1 and a random port, configured from a map with
 * nothing from the environment. Unlike {@link TestBridge} it has readiness and a startup summary.
 */
public final class RunningBridge implements AutoCloseable {

    private final WebServer server;
    private final String summary;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningBridge(WebServer server, String summary) {
        this.server = server;
        this.summary = summary;
    }

    /**
     * @param settings configuration keys and values (seed names such as {@code UPSTREAM_BASE_URL} work)
     * @return a started bridge
     */
    public static RunningBridge start(Map<String, String> settings) {
        return start(config(settings));
    }

    /**
     * @param config the whole configuration
     * @return a started bridge
     */
    public static RunningBridge start(Config config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebServer server = Main.start(config, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new RunningBridge(server, out.toString(StandardCharsets.UTF_8));
    }

    /**
     * @param settings configuration keys and values
     * @return the configuration {@link #start(Map)} uses: the map, a random port, no plugins, the defaults
     */
    public static Config config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        values.put("PORT", "0");
        values.put("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        values.putAll(settings);
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
    }

    /**
     * @return what it printed when it started
     */
    public String summary() {
        return summary;
    }

    /**
     * @return {@code http://127.0.0.1:PORT}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * @param path a path such as {@code /observe/health/ready}
     * @return the response
     */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param path    a path such as {@code /v1/messages?beta=true}
     * @param body    a JSON body
     * @param headers request headers, name and value in turn
     * @return the response
     */
    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        http.close();
    }
}
