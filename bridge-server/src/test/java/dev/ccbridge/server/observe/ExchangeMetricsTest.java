package dev.ccbridge.server.observe;

import dev.ccbridge.server.Main;
import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.PrometheusText;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus meters at {@code /observe/metrics}, scraped over HTTP around real exchanges with stub upstreams.
 * The registry is shared by every bridge in the JVM, so each test reads deltas, and this class's upstreams have
 * names no other test uses.
 */
class ExchangeMetricsTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private static final String PRIMARY = "metrics-primary";
    private static final String SECONDARY = "metrics-secondary";
    private static final String ROUTE = "POST /v1/messages";

    private static final String REQUESTS = "ccbridge_requests_total";
    private static final String TOKENS = "ccbridge_tokens_total";
    private static final String FIRST_TOKEN = "ccbridge_time_to_first_token_seconds";
    private static final String DURATION = "ccbridge_request_duration_seconds";
    private static final String STREAMS_OPEN = "ccbridge_streams_open";
    private static final String UPSTREAM_ERRORS = "ccbridge_upstream_errors_total";
    private static final String FALLBACKS = "ccbridge_fallbacks_total";

    /** What the stubs report: 1200 prompt tokens of which 1000 read from and 150 written to the cache. */
    private static final String USAGE = "{\"prompt_tokens\":1200,\"completion_tokens\":34,\"total_tokens\":1234,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":1000,\"cache_write_tokens\":150}}";
    private static final int INPUT = 50;
    private static final int OUTPUT = 34;
    private static final int CACHE_READ = 1000;
    private static final int CACHE_WRITE = 150;

    private static UpstreamStub primary;
    private static UpstreamStub secondary;
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        primary = UpstreamStub.start();
        secondary = UpstreamStub.start();
        bridge = TestBridge.start(new BridgeConfig()
                .upstream(PRIMARY, primary)
                .upstream(SECONDARY, secondary)
                .values());
    }

    @AfterAll
    static void stop() {
        bridge.close();
        primary.close();
        secondary.close();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        for (UpstreamStub stub : List.of(primary, secondary)) {
            stub.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
            stub.reset();
        }
    }

    @Test
    void aStreamedAnswerCountsTheRequestItsTokensAndBothTimes() {
        primary.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("Hello").text(" from").text(" metrics")
                .finish("stop").raw(usageChunk()).done(), Duration.ofMillis(100)));
        PrometheusText before = scrape();

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals("Hello from metrics", Messages.text(response));
        PrometheusText after = awaitRequests(before, 1, "upstream", PRIMARY);
        assertEquals(1, delta(before, after, REQUESTS, "route", ROUTE, "client_model", MODEL, "upstream", PRIMARY,
                "upstream_model", MODEL, "mode", "stream", "status", "200"));
        JsonObject clientUsage = finalUsage(response.events());
        assertTokens(before, after, PRIMARY, clientUsage);
        assertEquals(1, delta(before, after, FIRST_TOKEN + "_count", "upstream", PRIMARY, "mode", "stream"));
        assertEquals(1, delta(before, after, DURATION + "_count", "upstream", PRIMARY, "mode", "stream"));
        // Seven pieces 100 ms apart: at least 0.6 s, so in seconds and above the 0.5 s bucket.
        double seconds = delta(before, after, DURATION + "_sum", "upstream", PRIMARY, "mode", "stream");
        assertTrue(seconds >= 0.6 && seconds < 30, "duration " + seconds);
        assertEquals(0, bucketDelta(before, after, DURATION, 0.5, "upstream", PRIMARY, "mode", "stream"));
        assertEquals(1, bucketDelta(before, after, DURATION, Double.POSITIVE_INFINITY, "upstream", PRIMARY,
                "mode", "stream"));
        double firstToken = delta(before, after, FIRST_TOKEN + "_sum", "upstream", PRIMARY, "mode", "stream");
        assertTrue(firstToken > 0 && firstToken <= seconds, "first token " + firstToken + " of " + seconds);
        assertEquals(0, after.sum(STREAMS_OPEN, "upstream", PRIMARY));
    }

    @Test
    void aSyncAnswerCountsTheRequestItsTokensAndItsTotalTimeButNoFirstToken() {
        primary.enqueue(UpstreamStub.json(200, "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\","
                + "\"created\":1767225600,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"Hello from metrics\"},\"finish_reason\":\"stop\"}],\"usage\":"
                + USAGE + "}"));
        PrometheusText before = scrape();

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, false));

        assertEquals("Hello from metrics", Messages.text(response));
        PrometheusText after = awaitRequests(before, 1, "upstream", PRIMARY);
        assertEquals(1, delta(before, after, REQUESTS, "route", ROUTE, "client_model", MODEL, "upstream", PRIMARY,
                "upstream_model", MODEL, "mode", "sync", "status", "200"));
        assertTokens(before, after, PRIMARY, Json.parseObject(response.body()).getJsonObject("usage"));
        assertEquals(1, delta(before, after, DURATION + "_count", "upstream", PRIMARY, "mode", "sync"));
        assertEquals(0, delta(before, after, FIRST_TOKEN + "_count", "upstream", PRIMARY));
        assertEquals(0, delta(before, after, UPSTREAM_ERRORS, "upstream", PRIMARY));
    }

    @Test
    void aRateLimitedUpstreamCountsAsAnErrorAndAFallbackToTheOneThatAnswered() {
        primary.enqueue(UpstreamStub.json(429, error("rate_limit_exceeded", "slow down"),
                Map.of("retry-after", "30")));
        secondary.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("from the secondary").finish("stop")
                .raw(usageChunk()).done()));
        PrometheusText before = scrape();

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals("from the secondary", Messages.text(response));
        PrometheusText after = awaitRequests(before, 1, "upstream", SECONDARY);
        assertEquals(1, delta(before, after, REQUESTS, "upstream", SECONDARY, "mode", "stream", "status", "200"));
        assertEquals(0, delta(before, after, REQUESTS, "upstream", PRIMARY));
        assertEquals(1, delta(before, after, UPSTREAM_ERRORS, "upstream", PRIMARY, "error_type", "rate_limit_error",
                "status", "429"));
        assertEquals(1, delta(before, after, UPSTREAM_ERRORS, "upstream", PRIMARY));
        assertEquals(0, delta(before, after, UPSTREAM_ERRORS, "upstream", SECONDARY));
        assertEquals(1, delta(before, after, FALLBACKS, "from", PRIMARY, "to", SECONDARY));
        assertEquals(1, delta(before, after, FALLBACKS, "from", PRIMARY));
        assertTokens(before, after, SECONDARY, finalUsage(response.events()));
        assertEquals(0, delta(before, after, TOKENS, "upstream", PRIMARY));
        assertEquals(0, after.sum(STREAMS_OPEN, "upstream", PRIMARY));
        assertEquals(0, after.sum(STREAMS_OPEN, "upstream", SECONDARY));
    }

    @Test
    void anErrorInsideAStartedStreamCountsAsAnUpstreamErrorWithTheStatusTheClientGot() {
        primary.enqueue(UpstreamStub.sse(OpenAiSse.stream().text("partial answer")
                .error("server_error", "the model crashed mid-answer").withoutDone()));
        PrometheusText before = scrape();

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true));

        assertEquals(200, response.status());
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        String errorType = events.getLast().data().getJsonObject("error").getString("type");
        PrometheusText after = awaitRequests(before, 1, "upstream", PRIMARY);
        assertEquals(1, delta(before, after, REQUESTS, "upstream", PRIMARY, "mode", "stream", "status", "200"));
        assertEquals(1, delta(before, after, UPSTREAM_ERRORS, "upstream", PRIMARY, "error_type", errorType,
                "status", "200"));
        assertEquals(1, delta(before, after, UPSTREAM_ERRORS, "upstream", PRIMARY));
        assertEquals(0, delta(before, after, FALLBACKS, "from", PRIMARY));
        assertEquals(0, delta(before, after, REQUESTS, "upstream", SECONDARY));
        assertEquals(0, after.sum(STREAMS_OPEN, "upstream", PRIMARY));
    }

    @Test
    void aStreamIsOpenWhileTheClientReadsItAndClosedOnceTheClientLeaves() throws Exception {
        OpenAiSse slow = OpenAiSse.stream();
        for (int i = 0; i < 200; i++) {
            slow.text("word" + i + " ");
        }
        primary.enqueue(UpstreamStub.sse(slow.finish("stop").usage(12, 200).done(), Duration.ofMillis(50)));
        PrometheusText before = scrape();

        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), bridge.port())) {
            byte[] body = Messages.request(MODEL, true).getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "anthropic-version: 2023-06-01\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.contains("content_block_delta"));
            assertTrue(line != null, "the stream never started");

            assertEquals(1, scrape().sum(STREAMS_OPEN, "upstream", PRIMARY));
        }

        // The exchange's metrics are updated one after another, so a scrape may fall between two of them.
        PrometheusText after = awaitScrape(scrape -> scrape.sum(STREAMS_OPEN, "upstream", PRIMARY) == 0
                && delta(before, scrape, REQUESTS, "upstream", PRIMARY) == 1
                && delta(before, scrape, DURATION + "_count", "upstream", PRIMARY) == 1);
        assertEquals(1, delta(before, after, REQUESTS, "upstream", PRIMARY, "mode", "stream", "status", "200"));
        assertEquals(0, delta(before, after, UPSTREAM_ERRORS, "upstream", PRIMARY));
        assertEquals(1, delta(before, after, DURATION + "_count", "upstream", PRIMARY, "mode", "stream"));
    }

    @Test
    void theScrapeIsValidPrometheusTextWithDocumentedNamesAndNoKeyOrIdInAnyLabel() {
        String callerKey = "caller-fake-key-0123456789";
        String session = "session-fake-4f1c";
        primary.enqueue(UpstreamStub.json(503, error("server_error", "down for a moment")));
        secondary.enqueue(Messages.answer("fine", true));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true),
                Map.of("x-api-key", callerKey, "x-claude-code-session-id", session));
        assertEquals("fine", Messages.text(response));
        String requestId = response.header("request-id");
        awaitScrape(scrape -> scrape.sum(FALLBACKS, "from", PRIMARY, "to", SECONDARY) > 0);

        TestBridge.Response scraped = bridge.get("/observe/metrics");
        assertEquals(200, scraped.status());
        assertTrue(scraped.header("content-type").startsWith("text/plain"), scraped.header("content-type"));
        PrometheusText scrape = PrometheusText.parse(scraped.body());

        assertEquals("counter", scrape.type(REQUESTS));
        assertEquals("counter", scrape.type(TOKENS));
        assertEquals("histogram", scrape.type(FIRST_TOKEN));
        assertEquals("histogram", scrape.type(DURATION));
        assertEquals("gauge", scrape.type(STREAMS_OPEN));
        assertEquals("counter", scrape.type(UPSTREAM_ERRORS));
        assertEquals("counter", scrape.type(FALLBACKS));
        Set<String> labelNames = new TreeSet<>();
        List<String> secrets = List.of(callerKey, KeyFingerprint.of(callerKey), session, requestId,
                PRIMARY + "-key", SECONDARY + "-key");
        for (PrometheusText.Sample sample : scrape.samples()) {
            if (!sample.name().startsWith("ccbridge_")) {
                continue;
            }
            labelNames.addAll(sample.labels().keySet());
            for (String value : sample.labels().values()) {
                for (String secret : secrets) {
                    assertFalse(value.contains(secret), sample + " carries " + secret);
                }
            }
        }
        assertEquals(new TreeSet<>(List.of("scope", "route", "client_model", "upstream", "upstream_model", "mode",
                "status", "kind", "le", "error_type", "from", "to")), labelNames);
        for (PrometheusText.Sample sample : scrape.matching(REQUESTS)) {
            assertEquals(Set.of("scope", "route", "client_model", "upstream", "upstream_model", "mode", "status"),
                    sample.labels().keySet());
            assertEquals("application", sample.labels().get("scope"));
        }
    }

    @Test
    void theJvmsOwnMetersAreServedToo() {
        PrometheusText scrape = scrape();

        assertTrue(scrape.sum("thread_count", "scope", "base") > 0);
        assertTrue(scrape.sum("memory_usedHeap_bytes", "scope", "base") > 0);
        assertEquals("gauge", scrape.type("jvm_uptime_seconds"));
    }

    @Test
    void modelLabelsKeepTheirFirstHundredValuesAndCountTheRestAsOther() {
        String upstream = "metrics-cardinality";
        try (UpstreamStub stub = UpstreamStub.start();
             TestBridge own = TestBridge.start(new BridgeConfig().upstream(upstream, stub).values())) {
            stub.otherwise(request -> UpstreamStub.json(200, Messages.completion("ok")));
            int models = ExchangeMetrics.MAX_MODELS + 10;
            for (int i = 0; i < models; i++) {
                assertEquals(200, own.post("/v1/messages", Messages.request("claude-test-" + i, false)).status());
            }

            PrometheusText scrape = awaitScrape(s -> s.sum(REQUESTS, "upstream", upstream) == models);
            List<PrometheusText.Sample> series = scrape.matching(REQUESTS, "upstream", upstream);
            assertEquals(ExchangeMetrics.MAX_MODELS + 1, series.size());
            assertEquals(10, scrape.sum(REQUESTS, "upstream", upstream, "client_model", "other",
                    "upstream_model", "other"));
            assertEquals(1, scrape.sum(REQUESTS, "upstream", upstream, "client_model", "claude-test-0"));
            assertEquals(ExchangeMetrics.MAX_MODELS + 1,
                    scrape.matching(TOKENS, "upstream", upstream, "kind", "output").size());
            stub.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        }
    }

    @Test
    void aRequestTheBridgeRefusesItselfCountsWithoutAnUpstream() {
        PrometheusText before = scrape();

        TestBridge.Response response = bridge.post("/v1/messages", "{\"model\":\"" + MODEL + "\",\"stream\":true}");

        assertEquals(400, response.status(), response.body());
        PrometheusText after = awaitScrape(scrape -> delta(before, scrape, REQUESTS, "upstream", "none") >= 1);
        assertEquals(1, delta(before, after, REQUESTS, "route", ROUTE, "client_model", "none", "upstream", "none",
                "upstream_model", "none", "status", "400"));
        assertEquals(0, delta(before, after, UPSTREAM_ERRORS, "upstream", "none"));
    }

    @Test
    void theCommandsServerServesTheBridgesMetersEvenWhenItsMetricsSettingsDiffer() throws Exception {
        PrometheusText before = scrape();
        double primaryRequests = before.sum(REQUESTS, "upstream", PRIMARY);
        Map<String, String> values = new HashMap<>();
        values.put("PORT", "0");
        values.put("BRIDGE_PLUGINS_DIR", "target/no-plugins");
        values.put("server.features.observe.observers.metrics.key-performance-indicators.extended", "true");
        values.put("server.features.observe.observers.metrics.endpoint", "prometheus");
        WebServer server = Main.start(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .build());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/observe/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            PrometheusText scrape = PrometheusText.parse(response.body());
            assertEquals(primaryRequests, scrape.sum(REQUESTS, "upstream", PRIMARY),
                    "the meters registered before this server started are still there");
            assertEquals(primaryRequests, scrape().sum(REQUESTS, "upstream", PRIMARY));
        } finally {
            server.stop();
        }
    }

    @Test
    void aFailureFollowedByARefusalCountsOneErrorAndNoFallback() {
        String flaky = "metrics-flaky";
        try (UpstreamStub flakyStub = UpstreamStub.start();
             UpstreamStub guardedStub = UpstreamStub.start();
             TestBridge guarded = TestBridge.start(new BridgeConfig()
                     .upstream(flaky, flakyStub)
                     .upstream("metrics-guarded", guardedStub, "adapter", "joytoken", "settings.allowed-models",
                             "openai/gpt-4o-mini")
                     .values())) {
            flakyStub.enqueue(UpstreamStub.json(503, error("server_error", "down for maintenance")));
            PrometheusText before = scrape();

            TestBridge.Response response = guarded.post("/v1/messages", Messages.request(MODEL, false));

            assertEquals(503, response.status(), response.body());
            PrometheusText after = awaitRequests(before, 1, "upstream", flaky);
            assertEquals(1, delta(before, after, UPSTREAM_ERRORS, "upstream", flaky, "status", "503"));
            assertEquals(0, delta(before, after, FALLBACKS, "from", flaky, "to", flaky));
        }
    }

    private static void assertTokens(PrometheusText before, PrometheusText after, String upstream,
                                     JsonObject clientUsage) {
        assertEquals(INPUT, clientUsage.getInt("input_tokens"), clientUsage.toString());
        assertEquals(OUTPUT, clientUsage.getInt("output_tokens"), clientUsage.toString());
        assertEquals(CACHE_READ, clientUsage.getInt("cache_read_input_tokens"), clientUsage.toString());
        assertEquals(CACHE_WRITE, clientUsage.getInt("cache_creation_input_tokens"), clientUsage.toString());
        assertEquals(INPUT, delta(before, after, TOKENS, "upstream", upstream, "upstream_model", MODEL,
                "kind", "input"));
        assertEquals(OUTPUT, delta(before, after, TOKENS, "upstream", upstream, "upstream_model", MODEL,
                "kind", "output"));
        assertEquals(CACHE_READ, delta(before, after, TOKENS, "upstream", upstream, "upstream_model", MODEL,
                "kind", "cache_read"));
        assertEquals(CACHE_WRITE, delta(before, after, TOKENS, "upstream", upstream, "upstream_model", MODEL,
                "kind", "cache_write"));
    }

    private static JsonObject finalUsage(List<SseEvent> events) {
        AnthropicStreamGrammar.check(events);
        return events.stream().filter(event -> event.type().equals("message_delta")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no message_delta in " + events))
                .data().getJsonObject("usage");
    }

    private static String usageChunk() {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
                + "\"model\":\"gpt-test\",\"choices\":[],\"usage\":" + USAGE + "}";
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }

    private static PrometheusText scrape() {
        TestBridge.Response response = bridge.get("/observe/metrics");
        assertEquals(200, response.status(), response.body());
        return PrometheusText.parse(response.body());
    }

    /**
     * The exchange's meters are updated just after the client has its answer, so a test waits for them; the
     * request is counted last, so once it shows everything else of that exchange does too.
     */
    /**
     * Waits for a scrape that counts the requests, then scrapes again: a scrape reads its meters one by one, so the
     * one that first sees a request may have read the exchange's other meters before they were updated; the next
     * one starts after all of them were.
     */
    private static PrometheusText awaitRequests(PrometheusText before, int count, String... labelValues) {
        awaitScrape(scrape -> delta(before, scrape, REQUESTS, labelValues) >= count);
        return scrape();
    }

    private static PrometheusText awaitScrape(Predicate<PrometheusText> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            PrometheusText scrape = scrape();
            if (condition.test(scrape)) {
                return scrape;
            }
            if (System.nanoTime() > deadline) {
                scrape.samples().stream().filter(s -> s.name().startsWith("ccbridge_")).map(Object::toString)
                        .forEach(seen::add);
                throw new AssertionError("the meters never got there: " + seen);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labelValues) {
        return after.sum(name, labelValues) - before.sum(name, labelValues);
    }

    private static double bucketDelta(PrometheusText before, PrometheusText after, String histogram, double bound,
                                      String... labelValues) {
        return bucket(after, histogram, bound, labelValues) - bucket(before, histogram, bound, labelValues);
    }

    private static double bucket(PrometheusText scrape, String histogram, double bound, String... labelValues) {
        return scrape.matching(histogram + "_bucket", labelValues).stream()
                .filter(sample -> {
                    String le = sample.labels().get("le");
                    return le.equals("+Inf") ? bound == Double.POSITIVE_INFINITY : Double.parseDouble(le) == bound;
                })
                .mapToDouble(PrometheusText.Sample::value).sum();
    }
}
