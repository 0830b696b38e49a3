package dev.ccbridge.server.reliability;

import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.ErrorResponses;
import dev.ccbridge.server.testing.FullBacklogListener;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.ThreadCensus;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upstream that fails on purpose, every way an upstream fails in the field, streamed and not: the client always
 * gets a well-formed Anthropic error whose type tells Claude Code what to do (an HTTP error while nothing was sent,
 * an {@code error} event as the last event once the stream started), the bridge stays healthy, and a thousand
 * faulted requests leave no upstream connection or thread behind.
 */
class UpstreamFaultTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration LONGER_THAN_TIMEOUT = Duration.ofSeconds(3);
    private static final String HTML_502 = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
            + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";
    private static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for requests\","
            + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";

    /**
     * One way an upstream fails.
     *
     * @param name      what happens
     * @param model     the client model, which selects the upstream: the stub with long timeouts
     *                  ({@code claude-fault}) or short ones ({@code claude-slow}), a closed port, or a full backlog
     * @param reply     the stub's reply to a streamed ({@code true}) or whole request; unused for the other two
     * @param status    the HTTP status of the error while nothing was sent
     * @param type      the Anthropic error type
     * @param midStream whether a streamed request has started when the fault strikes, so the error is an event
     */
    private record Fault(String name, String model, Function<Boolean, UpstreamStub.Reply> reply, int status,
                         String type, boolean midStream) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param beforeReset how long the stub pauses before it resets a connection: long enough for the bridge to
     *                    read what came before (a reset discards unread data), shorter than its timeouts
     * @return every fault
     */
    private static List<Fault> faults(Duration beforeReset) {
        return List.of(
                new Fault("connection refused", "claude-refused", stream -> null, 502, "api_error", false),
                new Fault("connect timeout", "claude-unanswered", stream -> null, 504, "timeout_error", false),
                new Fault("no first byte", "claude-slow", stream -> UpstreamStub.silent(LONGER_THAN_TIMEOUT),
                        504, "timeout_error", false),
                new Fault("head but no chunk", "claude-slow", stream -> stalled(stream, List.of()),
                        504, "timeout_error", false),
                new Fault("stall mid-stream", "claude-slow", stream -> stalled(stream, firstHalf(stream)),
                        504, "timeout_error", true),
                new Fault("whole body stalls", "claude-slow", stream -> stalled(false, firstHalf(false)),
                        504, "timeout_error", false),
                new Fault("error body never ends", "claude-slow", stream -> new UpstreamStub.Streamed(503,
                        "text/html", List.of("<html><head><title>Service Unavailable"), Duration.ZERO, Map.of(),
                        false, LONGER_THAN_TIMEOUT), 503, "overloaded_error", false),
                new Fault("reset mid-stream", "claude-fault",
                        stream -> reset(stream, firstHalf(stream), beforeReset), 502, "api_error", true),
                new Fault("malformed first chunk", "claude-fault", stream -> stream
                        ? UpstreamStub.sse("data: {\"choices\":[{oops\n\n")
                        : UpstreamStub.json(200, "{\"choices\":[{oops"), 502, "api_error", false),
                new Fault("malformed chunk mid-stream", "claude-fault", stream -> UpstreamStub.sse(
                        OpenAiSse.stream().text("Hel").raw("{\"choices\":[{oops").text("lo").finish("stop").done()),
                        502, "api_error", true),
                new Fault("HTML 502 page", "claude-fault",
                        stream -> new UpstreamStub.Whole(502, "text/html", HTML_502, Map.of()), 502, "api_error",
                        false),
                new Fault("200 with a JSON error body", "claude-fault",
                        stream -> UpstreamStub.json(200, RATE_LIMITED), 429, "rate_limit_error", false),
                new Fault("ends without [DONE]", "claude-fault", stream -> stream
                        ? UpstreamStub.sse(OpenAiSse.stream().text("Hel").text("lo").withoutDone())
                        : new UpstreamStub.Truncated(200, "application/json", firstHalf(false).getFirst(), 4096),
                        502, "api_error", true));
    }

    private static UpstreamStub stub;
    private static FullBacklogListener unanswered;
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        stub = UpstreamStub.start();
        unanswered = FullBacklogListener.start();
        bridge = TestBridge.start(faultyUpstreams(TIMEOUT));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        unanswered.close();
        stub.close();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        stub.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        stub.reset();
    }

    /** A bridge told to speak TLS to a server that answers in plain HTTP at once, as a misconfigured URL does. */
    @Test
    void aTlsFailureSaysSoInsteadOfAnUnreadableResponse() throws IOException {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!plain.isClosed()) {
                    try (Socket socket = plain.accept()) {
                        socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            try (TestBridge tls = TestBridge.start(Map.of("UPSTREAM_BASE_URL",
                    "https://127.0.0.1:" + plain.getLocalPort() + "/v1", "UPSTREAM_API_KEY", "tls-test-key"))) {
                String message = ErrorResponses.assertError(tls.post("/v1/messages",
                        Messages.request("claude-sonnet-4-5", false)), 502, "api_error").getString("message");
                assertTrue(message.contains("TLS failed ("), message);
            }
        }
    }

    @Test
    void aStreamFoldedIntoAWholeAnswerTimesOutOneIdleTimeoutAfterItsLastChunk() {
        stub.enqueue(stalled(true, firstHalf(true)));

        long start = System.nanoTime();
        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-slow", false));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        ErrorResponses.assertError(response, 504, "timeout_error");
        assertTrue(took.compareTo(TIMEOUT.multipliedBy(5).dividedBy(3)) < 0, "answered after " + took);
        assertHealthy();
    }

    static Stream<Arguments> faultsStreamedAndNot() {
        return faults(TIMEOUT.dividedBy(2)).stream()
                .flatMap(fault -> Stream.of(Arguments.of(fault, true), Arguments.of(fault, false)));
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @MethodSource("faultsStreamedAndNot")
    void eachFaultIsAWellFormedAnthropicErrorAndTheBridgeStaysHealthy(Fault fault, boolean stream) {
        UpstreamStub.Reply reply = fault.reply().apply(stream);
        if (reply != null) {
            stub.enqueue(reply);
        }

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request(fault.model(), stream));

        JsonObject error = stream && fault.midStream()
                ? ErrorResponses.assertErrorEvent(response, fault.type())
                : ErrorResponses.assertError(response, fault.status(), fault.type());
        System.out.printf("fault %-28s stream=%-5s -> %s %s: %s%n", fault.name(), stream,
                stream && fault.midStream() ? "event" : response.status(), error.getString("type"),
                error.getString("message"));
        assertHealthy();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void aConnectTimeoutSaysTheUpstreamCouldNotBeReached(boolean stream) {
        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-unanswered", stream));

        String message = ErrorResponses.assertError(response, 504, "timeout_error").getString("message");
        assertTrue(message.contains("cannot reach upstream 'unanswered'") && message.contains("connect-timeout"),
                message);
    }

    @Test
    void anHtmlErrorPageBecomesAReadableMessageNamingItsTitle() {
        stub.enqueue(new UpstreamStub.Whole(502, "text/html", HTML_502, Map.of()));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-fault", false));

        String message = ErrorResponses.assertError(response, 502, "api_error").getString("message");
        assertTrue(message.contains("HTML error page (502 Bad Gateway)"), message);
        assertTrue(message.contains("upstream 'stub'"), message);
    }

    /**
     * 20 MiB of text in one {@code data:} line, sent as one HTTP chunk. Helidon hands a chunk over whole, so it
     * needs a realistic idle timeout rather than this class's short one.
     */
    @Test
    void aGiganticSingleChunkIsRelayedWhole() {
        String text = "x".repeat(20 * 1024 * 1024);
        try (TestBridge patient = TestBridge.forStub(stub)) {
            stub.enqueue(UpstreamStub.sse(OpenAiSse.stream().text(text).finish("stop").usage(5, 1).done()));

            TestBridge.Response response = patient.post("/v1/messages", Messages.request("claude-fault", true));

            assertEquals(200, response.status(), () -> response.body().substring(0, Math.min(500,
                    response.body().length())));
            assertEquals(text.length(), Messages.text(response).length());
        }
        assertHealthy();
    }

    /** Parsson refuses JSON nested deeper than 1000 levels with a bare RuntimeException, not a JsonException. */
    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void aDeeplyNestedErrorBodyKeepsTheUpstreamStatus(boolean stream) {
        int depth = 100_000;
        stub.enqueue(UpstreamStub.json(400, "[".repeat(depth) + "]".repeat(depth)));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-fault", stream));

        ErrorResponses.assertError(response, 400, "invalid_request_error");
        assertHealthy();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void aDeeplyNestedCompletionOrChunkIsABadGateway(boolean stream) {
        int depth = 100_000;
        String nested = "{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        stub.enqueue(stream ? UpstreamStub.sse("data: " + nested + "\n\n") : UpstreamStub.json(200, nested));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-fault", stream));

        ErrorResponses.assertError(response, 502, "api_error");
        assertHealthy();
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void unknownFieldsAndEventTypesAreIgnored(boolean stream) {
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"system_fingerprint\":\"fp\",\"x_vendor\":{\"trace\":[1,2]},\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"Hello\",\"audio\":null,\"x_extra\":true},\"logprobs\":null,"
                + "\"finish_reason\":null,\"x_choice\":1}]}";
        String sse = ": keep-alive comment\n\n"
                + "event: vendor.progress\ndata: {\"progress\":0.5}\n\n"
                + "id: 7\nretry: 100\nvendor-field: whatever\ndata: " + chunk + "\n\n"
                + OpenAiSse.continued().finish("stop").usage(4, 1).done();
        String completion = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"x_vendor\":{\"a\":1},\"service_tier\":\"default\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hello\",\"refusal\":null,\"annotations\":[],"
                + "\"x_extra\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,"
                + "\"completion_tokens\":1,\"total_tokens\":5,\"x_usage\":{\"b\":2}}}";
        stub.enqueue(stream ? UpstreamStub.sse(sse) : UpstreamStub.json(200, completion));

        TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-fault", stream));

        assertEquals(200, response.status(), response.body());
        assertEquals("Hello", Messages.text(response));
    }

    @Test
    void aThousandFaultedRequestsLeaveNoConnectionOrThreadBehind() throws Exception {
        // Short enough for a thousand requests in seconds, long enough that a busy machine still sends a head in time.
        Duration quick = Duration.ofMillis(150);
        List<Fault> faults = faults(quick);
        try (UpstreamStub faulty = UpstreamStub.start();
             TestBridge impatient = TestBridge.start(faultyUpstreams(faulty, quick))) {
            int concurrency = 10;
            faulty.otherwise(request -> faultFor(faults, request.json().getString("model")).reply()
                    .apply(request.json().getBoolean("stream", false)));
            overlap(impatient, faulty, concurrency);
            int upstreamBefore = faulty.openConnections();
            int readersBefore = ThreadCensus.count(ThreadCensus.UPSTREAM);
            int serverBefore = ThreadCensus.count(ThreadCensus.SERVER_CONNECTIONS);

            int requests = 1000;
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            long started = System.nanoTime();
            try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < concurrency; c++) {
                    running.add(clients.submit(() -> {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            Fault fault = faults.get(i % faults.size());
                            boolean stream = (i / faults.size()) % 2 == 0;
                            TestBridge.Response response = impatient.post("/v1/messages",
                                    Messages.request(model(faults, fault), stream));
                            // Under load a fault may strike before the stream has started (a reset can
                            // discard the chunk before it); the type must be right either way.
                            boolean inStream = stream && fault.midStream() && response.status() == 200;
                            JsonObject error = inStream ? ErrorResponses.assertErrorEvent(response, fault.type())
                                    : ErrorResponses.assertError(response, fault.status(), fault.type());
                            String outcome = (inStream ? "event" : response.status()) + " "
                                    + error.getString("type");
                            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            Duration settle = Duration.ofSeconds(3);
            int readersAfter = ThreadCensus.settle(ThreadCensus.UPSTREAM, readersBefore, settle);
            int serverAfter = ThreadCensus.settle(ThreadCensus.SERVER_CONNECTIONS, serverBefore, settle);
            long deadline = System.nanoTime() + settle.toNanos();
            while (faulty.openConnections() > upstreamBefore && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int upstreamAfter = faulty.openConnections();
            System.out.printf("leak test: %d faulted requests (%d kinds of fault, streamed and not, %d at a time) in "
                            + "%d ms; errors by type %s%n", requests, faults.size(), concurrency, elapsedMillis,
                    new TreeMap<>(outcomes));
            System.out.printf("leak test: open upstream connections %d before, %d after; bridge upstream threads %d "
                            + "before, %d after; Helidon connection threads %d before, %d after%n",
                    upstreamBefore, upstreamAfter, readersBefore, readersAfter, serverBefore, serverAfter);

            // The pools keep idle connections, at most as many as were in use at once.
            assertEquals(requests, outcomes.values().stream().mapToInt(AtomicInteger::get).sum());
            assertTrue(upstreamAfter <= Math.max(upstreamBefore, concurrency), "upstream connections leaked: "
                    + upstreamBefore + " -> " + upstreamAfter);
            assertEquals(0, readersBefore, "upstream threads were running before the faults");
            assertEquals(0, readersAfter, "upstream threads leaked: " + ThreadCensus.list(ThreadCensus.UPSTREAM));
            assertTrue(serverAfter <= Math.max(serverBefore, concurrency), "request threads leaked: "
                    + serverBefore + " -> " + serverAfter);
            assertEquals("Hello", Messages.text(healthyRequest(impatient)));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Map<String, String> faultyUpstreams(Duration timeout) {
        return faultyUpstreams(stub, timeout);
    }

    /**
     * Upstreams chosen by the client model: {@code claude-refused} a closed port, {@code claude-unanswered} a port
     * where connecting hangs, {@code claude-slow...} the stub with short timeouts, anything else the stub with
     * long ones, so that only the faults meant to time out can. The stub sees the client model (no mapping
     * applies).
     */
    private static Map<String, String> faultyUpstreams(UpstreamStub target, Duration timeout) {
        UpstreamStub closed = UpstreamStub.start();
        String refused = closed.baseUrl();
        closed.close();
        String[] timeouts = {"connect-timeout", iso(timeout), "first-byte-timeout", iso(timeout), "idle-timeout",
                iso(timeout)};
        return new BridgeConfig()
                .upstream("stub", target, "first-byte-timeout", "PT30S", "idle-timeout", "PT30S")
                .upstream("impatient", target, timeouts)
                .upstream("refused", refused, timeouts)
                .upstream("unanswered", unanswered.baseUrl(), "connect-timeout", iso(timeout.dividedBy(2)),
                        "first-byte-timeout", iso(timeout))
                .route(List.of("claude-refused"), List.of("refused"))
                .route(List.of("claude-unanswered"), List.of("unanswered"))
                .route(List.of("claude-slow*"), List.of("impatient"))
                .route(List.of("*"), List.of("stub"))
                .values();
    }

    private static String iso(Duration duration) {
        return "PT" + duration.toMillis() / 1000.0 + "S";
    }

    private static String model(List<Fault> faults, Fault fault) {
        return fault.model().startsWith("claude-fault") || fault.model().startsWith("claude-slow")
                ? fault.model() + "-" + faults.indexOf(fault) : fault.model();
    }

    private static Fault faultFor(List<Fault> faults, String model) {
        if (model.startsWith("claude-fault-") || model.startsWith("claude-slow-")) {
            return faults.get(Integer.parseInt(model.substring(model.lastIndexOf('-') + 1)));
        }
        return new Fault("healthy", model, s -> Messages.answer("Hello", s), 200, "", false);
    }

    private static UpstreamStub.Reply stalled(boolean stream, List<String> pieces) {
        return new UpstreamStub.Streamed(200, stream ? "text/event-stream" : "application/json", pieces,
                Duration.ZERO, Map.of(), false, LONGER_THAN_TIMEOUT);
    }

    /** Pauses before the reset: a reset makes the receiving kernel discard data the bridge has not read yet. */
    private static UpstreamStub.Reply reset(boolean stream, List<String> pieces, Duration pause) {
        return new UpstreamStub.Streamed(200, stream ? "text/event-stream" : "application/json", pieces,
                Duration.ZERO, Map.of(), true, pause);
    }

    private static List<String> firstHalf(boolean stream) {
        return List.of(stream ? OpenAiSse.stream().text("Hel").withoutDone()
                : "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,");
    }

    private static void assertHealthy() {
        assertEquals(200, bridge.get("/health").status());
        stub.enqueue(Messages.answer("Hello", true));
        stub.enqueue(Messages.answer("Hello", false));
        assertEquals("Hello", Messages.text(bridge.post("/v1/messages", Messages.request("claude-fault", true))));
        assertEquals("Hello", Messages.text(bridge.post("/v1/messages", Messages.request("claude-fault", false))));
    }

    private static TestBridge.Response healthyRequest(TestBridge target) {
        assertEquals(200, target.get("/health").status());
        TestBridge.Response response = target.post("/v1/messages", Messages.request("claude-healthy", true));
        assertEquals(200, response.status(), response.body());
        return response;
    }

    /**
     * Runs {@code concurrency} slow requests at once, so that the client and the bridge's upstream pool each hold
     * about that many connections before the faults start. Each answer trickles in for half a second in pieces
     * closer together than the idle timeout.
     */
    private static void overlap(TestBridge target, UpstreamStub upstream, int concurrency) throws Exception {
        List<String> pieces = new ArrayList<>();
        pieces.add(OpenAiSse.stream().text("Hel").withoutDone());
        for (int i = 0; i < 10; i++) {
            pieces.add(": still here\n\n");
        }
        pieces.add(OpenAiSse.continued().text("lo").finish("stop").done());
        try (ExecutorService clients = Executors.newFixedThreadPool(concurrency)) {
            List<Future<TestBridge.Response>> responses = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                upstream.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", pieces, Duration.ofMillis(50),
                        Map.of(), false, Duration.ZERO));
                responses.add(clients.submit(() -> target.post("/v1/messages",
                        Messages.request("claude-healthy", true))));
            }
            for (Future<TestBridge.Response> response : responses) {
                response.get();
            }
        }
    }
}
