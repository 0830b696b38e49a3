package dev.ccbridge.server.testing;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.BridgeRouting;
import dev.ccbridge.server.IdGenerator;
import dev.ccbridge.server.config.BridgeSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bridge on a real Helidon server on 127.0.0.1 and a random port, configured from a map (nothing from the
 * environment), with predictable ids and a fixed clock.
 */
public final class TestBridge implements AutoCloseable {

    /** A fixed clock for deterministic output. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final Bridge bridge;
    private final WebServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestBridge(Bridge bridge, WebServer server) {
        this.bridge = bridge;
        this.server = server;
    }

    /**
     * @param settings configuration keys and values (seed names such as {@code UPSTREAM_BASE_URL} work)
     * @return a started bridge
     */
    public static TestBridge start(Map<String, String> settings) {
        return start(settings, new SequentialIds());
    }

    /**
     * @param settings configuration keys and values
     * @param ids      the id generator, e.g. {@link dev.ccbridge.server.RandomIds} for ids shaped like production's
     * @return a started bridge
     */
    public static TestBridge start(Map<String, String> settings, IdGenerator ids) {
        Map<String, String> values = new HashMap<>();
        values.put("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        values.putAll(settings);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build();
        Bridge bridge = Bridge.create(BridgeSettings.from(config), ids, CLOCK);
        WebServer server = BridgeRouting.server(config, bridge)
                .host("127.0.0.1")
                .port(0)
                .build()
                .start();
        return new TestBridge(bridge, server);
    }

    /**
     * @param stub  the upstream
     * @param extra more settings
     * @return a bridge whose only upstream is the stub
     */
    public static TestBridge forStub(UpstreamStub stub, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("UPSTREAM_BASE_URL", stub.baseUrl());
        values.put("UPSTREAM_API_KEY", "test-upstream-key");
        values.putAll(extra);
        return start(values);
    }

    /**
     * @param stub the upstream
     * @return a bridge whose only upstream is the stub
     */
    public static TestBridge forStub(UpstreamStub stub) {
        return forStub(stub, Map.of());
    }

    /**
     * @return the bridge's base URL, {@code http://127.0.0.1:PORT}
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
     * @return the assembled bridge
     */
    public Bridge bridge() {
        return bridge;
    }

    /**
     * A response as the client saw it.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body
     */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        /**
         * @param name a header name
         * @return its first value, or {@code null}
         */
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }

        /**
         * @return the body as SSE events
         */
        public List<SseEvent> events() {
            return SseEvent.parse(body);
        }
    }

    /**
     * @param path    a path such as {@code /v1/messages?beta=true}
     * @param body    the JSON body
     * @param headers request headers
     * @return the whole response
     */
    public Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request.build());
    }

    /**
     * @param path a path
     * @param body the JSON body
     * @return the whole response
     */
    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    /**
     * @param path a path
     * @return the whole response
     */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /**
     * One line of a streamed response and when the client read it.
     *
     * @param nanos when the line arrived ({@link System#nanoTime()})
     * @param line  the line, without its line end
     */
    public record TimedLine(long nanos, String line) {
    }

    /**
     * A response read line by line as it arrived, to prove that a stream is not buffered.
     *
     * @param sentNanos    when the request was sent ({@link System#nanoTime()})
     * @param headersNanos when the response headers arrived
     * @param status       the status
     * @param headers      the headers
     * @param lines        the body's lines with their arrival times
     */
    public record TimedResponse(long sentNanos, long headersNanos, int status, Map<String, List<String>> headers,
                                List<TimedLine> lines) {
        /**
         * @return the body as SSE events
         */
        public List<SseEvent> events() {
            return SseEvent.parse(String.join("\n", lines.stream().map(TimedLine::line).toList()));
        }

        /**
         * @param text text to look for
         * @return when the first line containing it arrived
         * @throws AssertionError when no line contains it
         */
        public long arrivalOf(String text) {
            return lines.stream().filter(l -> l.line().contains(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line contains " + text + ": " + lines))
                    .nanos();
        }
    }

    /**
     * Posts and reads the response body incrementally, timing each line.
     *
     * @param path    a path
     * @param body    the JSON body
     * @param headers request headers
     * @return the response with the arrival time of every line
     */
    public TimedResponse postTimed(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            long sent = System.nanoTime();
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            long headersArrived = System.nanoTime();
            List<TimedLine> lines = new ArrayList<>();
            try (Stream<String> received = response.body()) {
                received.forEach(line -> lines.add(new TimedLine(System.nanoTime(), line)));
            }
            return new TimedResponse(sent, headersArrived, response.statusCode(), response.headers().map(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
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
