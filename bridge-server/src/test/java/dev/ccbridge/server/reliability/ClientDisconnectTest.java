package dev.ccbridge.server.reliability;

import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.ThreadCensus;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that goes away (before the first byte, mid-stream, during a non-streamed request) gets its upstream
 * request cancelled and the upstream connection closed within a second, measured at the upstream stub: from the
 * moment the client closes its socket to the moment the stub sees the bridge hang up. Before the first byte and for
 * a whole request nothing is written to the client, so only the bridge's connection watcher can notice (Linux);
 * mid-stream the periodic {@code ping} and the event writes notice too.
 */
class ClientDisconnectTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Duration UPSTREAM_TAKES = Duration.ofSeconds(8);

    private static UpstreamStub stub;
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        stub = UpstreamStub.start();
        bridge = TestBridge.forStub(stub);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        stub.close();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        stub.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        stub.reset();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aClientGoneBeforeTheUpstreamAnsweredCancelsIt() throws Exception {
        stub.enqueue(UpstreamStub.silent(UPSTREAM_TAKES));

        measure("before the first byte, no upstream head yet", bridge, true, client -> awaitUpstreamRequest());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aClientGoneAfterTheUpstreamHeadButBeforeItsFirstChunkCancelsIt() throws Exception {
        stub.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", List.of(), Duration.ZERO, Map.of(), false,
                UPSTREAM_TAKES));

        measure("before the first byte, upstream head sent", bridge, true, client -> awaitUpstreamRequest());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aClientGoneDuringAWholeRequestCancelsIt() throws Exception {
        stub.enqueue(UpstreamStub.silent(UPSTREAM_TAKES));

        measure("non-streaming, no upstream head yet", bridge, false, client -> awaitUpstreamRequest());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aClientGoneWhileAWholeBodyArrivesCancelsIt() throws Exception {
        stub.enqueue(new UpstreamStub.Streamed(200, "application/json", List.of("{\"id\":\"chatcmpl-1\","),
                Duration.ZERO, Map.of(), false, UPSTREAM_TAKES));

        measure("non-streaming, body under way", bridge, false, client -> awaitUpstreamRequest());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aClientGoneMidStreamWhileTheUpstreamIsSilentCancelsIt() throws Exception {
        stub.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                List.of(OpenAiSse.stream().text("first words").withoutDone()), Duration.ZERO, Map.of(), false,
                UPSTREAM_TAKES));

        measure("mid-stream, upstream silent", bridge, true, client -> client.readUntil("first words"));
    }

    @Test
    void withoutTheWatcherThePingNoticesAClientGoneMidStream() throws Exception {
        try (TestBridge pinging = TestBridge.forStub(stub, Map.of("bridge.watch-clients", "false",
                "bridge.ping-interval", "PT0.2S"))) {
            stub.enqueue(new UpstreamStub.Streamed(200, "text/event-stream",
                    List.of(OpenAiSse.stream().text("first words").withoutDone()), Duration.ZERO, Map.of(), false,
                    UPSTREAM_TAKES));

            measure("mid-stream, upstream silent, pings only", pinging, true,
                    client -> client.readUntil("first words"));
        }
    }

    @Test
    void withoutTheWatcherEventWritesNoticeAClientGoneMidStream() throws Exception {
        try (TestBridge writing = TestBridge.forStub(stub, Map.of("bridge.watch-clients", "false"))) {
            List<String> pieces = new ArrayList<>();
            pieces.add(OpenAiSse.stream().text("first words").withoutDone());
            for (int i = 0; i < 80; i++) {
                pieces.add(OpenAiSse.continued().text(" more").withoutDone());
            }
            pieces.add(OpenAiSse.continued().finish("stop").done());
            stub.enqueue(new UpstreamStub.Streamed(200, "text/event-stream", pieces, Duration.ofMillis(100),
                    Map.of(), false, Duration.ZERO));

            measure("mid-stream, upstream sending, writes only", writing, true,
                    client -> client.readUntil("first words"));
        }
    }

    /**
     * Most of a scan is the kernel printing its socket table (it walks its whole connection hash table, however
     * few connections there are); the watcher's own parsing should not show.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void watchingCostsLittleEvenWithAThousandOpenConnections() throws Exception {
        double few = watcherCpuShare(0);
        double many = watcherCpuShare(1000);

        assertTrue(few < 0.05, "the watcher used " + few * 100 + "% of a core with one connection");
        assertTrue(many < 0.05, "the watcher used " + many * 100 + "% of a core with a thousand connections");
    }

    /** @return the share of one core the watcher thread uses with one request in flight and some idle clients */
    private static double watcherCpuShare(int idleConnections) throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < idleConnections; i++) {
                idle.add(new Socket("127.0.0.1", bridge.port()));
            }
            stub.enqueue(UpstreamStub.silent(UPSTREAM_TAKES));
            try (RawClient client = RawClient.post(bridge, Messages.request("claude-sonnet-4-5", true),
                    "disconnect-cpu-" + idleConnections)) {
                awaitUpstreamRequest();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long watcher = watcherThreadId(threads);
                long cpuBefore = threads.getThreadCpuTime(watcher);
                long userBefore = threads.getThreadUserTime(watcher);
                long wallBefore = System.nanoTime();
                Thread.sleep(1000);
                long cpu = threads.getThreadCpuTime(watcher) - cpuBefore;
                long user = threads.getThreadUserTime(watcher) - userBefore;
                long wall = System.nanoTime() - wallBefore;
                long scans = Math.max(1, wall / Duration.ofMillis(250).toNanos());
                System.out.printf("watcher CPU with %4d idle connections and 1 request in flight: %.1f ms in %.1f s "
                                + "(%.2f%% of one core; %.1f ms in the JVM, the rest in the kernel), about %.2f ms "
                                + "per scan%n", idle.size(), cpu / 1e6, wall / 1e9, 100.0 * cpu / wall, user / 1e6,
                        cpu / 1e6 / scans);
                return (double) cpu / wall;
            } finally {
                stub.awaitHangUp(Duration.ofSeconds(2));
                stub.reset();
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    // ---- measuring ----------------------------------------------------------------------------------------------

    /** What the client does before it goes away. */
    private interface BeforeLeaving {
        void run(RawClient client) throws Exception;
    }

    /**
     * Sends a request, lets {@code before} bring it to the moment of interest, closes the client's socket and
     * measures how long the stub waits to see the bridge hang up; then checks the bridge logged the client as
     * gone, made no other upstream request, left no thread behind and still answers.
     */
    private static void measure(String when, TestBridge target, boolean stream, BeforeLeaving before)
            throws Exception {
        String requestId = "disconnect-" + Math.abs(when.hashCode());
        try (LogCapture log = LogCapture.exchanges()) {
            long closed;
            try (RawClient client = RawClient.post(target, Messages.request("claude-sonnet-4-5", stream),
                    requestId)) {
                before.run(client);
                closed = System.nanoTime();
            }
            long hungUp = stub.awaitHangUp(Duration.ofSeconds(5));
            long millis = (hungUp - closed) / 1_000_000;
            System.out.printf("client gone %-45s -> upstream connection closed after %d ms%n", when, millis);
            assertTrue(millis < LIMIT.toMillis(), when + ": the upstream request was cancelled only after "
                    + millis + " ms");
            assertTrue(log.lineOf(requestId).contains("client_gone"), log.lineOf(requestId));
        }
        assertEquals(1, stub.requests().size(), "the bridge tried the upstream again for a client that left");
        assertEquals(0, ThreadCensus.settle(ThreadCensus.UPSTREAM, 0, Duration.ofSeconds(2)),
                () -> "upstream threads left: " + ThreadCensus.list(ThreadCensus.UPSTREAM));
        stub.enqueue(Messages.answer("still here", stream));
        assertEquals("still here", Messages.text(target.post("/v1/messages",
                Messages.request("claude-sonnet-4-5", stream))));
    }

    private static void awaitUpstreamRequest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stub.requests().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the request never reached the upstream");
            Thread.sleep(5);
        }
    }

    private static long watcherThreadId(ThreadMXBean threads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().equals("client-connection-watcher")) {
                    return info.getThreadId();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no client-connection-watcher thread while a request was in flight");
    }

    /** An HTTP/1.1 client on a plain socket, so the test decides exactly when the connection closes. */
    private static final class RawClient implements AutoCloseable {

        private final Socket socket;
        private final BufferedReader in;

        private RawClient(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        static RawClient post(TestBridge target, String body, String requestId) throws IOException {
            Socket socket = new Socket("127.0.0.1", target.port());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "x-request-id: " + requestId + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return new RawClient(socket);
        }

        void readUntil(String text) throws IOException {
            socket.setSoTimeout(5000);
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(text)) {
                    return;
                }
            }
            throw new AssertionError("the stream ended before '" + text + "'");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
