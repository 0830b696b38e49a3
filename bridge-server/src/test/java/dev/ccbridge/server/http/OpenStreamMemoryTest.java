package dev.ccbridge.server.http;

import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.RawHttp;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream runs for minutes and must not keep its request meanwhile: the client's body, the upstream body and the
 * parsed trees are let go once the request is sent. Measured through the real HTTP path as the heap that a few open
 * streams of large requests hold once collected. The clients are raw sockets, which keep nothing of what they sent;
 * the stub keeps each request it got, and what it keeps is taken out.
 */
class OpenStreamMemoryTest {

    private static final int STREAMS = 10;
    /** A tool description this long makes each request, and each upstream body, about a megabyte. */
    private static final int DESCRIPTION_CHARS = 1 << 20;

    @Test
    void openStreamsHoldNothingOfTheirRequests() throws Exception {
        byte[] body = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":true,\"tools\":[{\"name\":"
                + "\"Read\",\"description\":\"" + "read a file. ".repeat(DESCRIPTION_CHARS / 13) + "\","
                + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello bridge\"}]}").getBytes(StandardCharsets.UTF_8);
        try (UpstreamStub stub = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(stub)) {
            byte[] request = RawHttp.post("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "content-type: application/json\r\nanthropic-version: 2023-06-01", body);
            // Answered in full once first: what the bridge keeps for good (caches, compiled code) is in the baseline.
            stub.enqueue(UpstreamStub.sse(Messages.stream("warm")));
            assertEquals(200, RawHttp.exchange(bridge.port(), request).status());
            long before = usedAfterCollection();

            stub.otherwise(recorded -> UpstreamStub.sse(Messages.stream("held"), Duration.ofSeconds(2)));
            List<Socket> open = new ArrayList<>();
            long held;
            try {
                for (int i = 0; i < STREAMS; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), bridge.port());
                    open.add(socket);
                    socket.getOutputStream().write(request);
                    awaitFirstText(socket);
                }
                held = usedAfterCollection() - before;
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }

            long keptByStub = stub.requests().stream().skip(1).mapToLong(recorded -> recorded.body().length()).sum();
            long keptByBridge = held - keptByStub;
            // Each request was read, translated and sent as about three megabytes: half of one would show.
            assertTrue(keptByBridge < STREAMS * (long) DESCRIPTION_CHARS / 2, STREAMS
                    + " open streams of 1 MB requests hold " + keptByBridge / 1024 + " KB besides the stub's copies");
        }
    }

    private static void awaitFirstText(Socket socket) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.contains("\"held\"")) {
                return;
            }
        }
        throw new AssertionError("the stream ended before its first text");
    }

    private static long usedAfterCollection() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
