package dev.ccbridge.server.observe;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.recording.ExchangeTap;
import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.LogCapture;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.OpenAiSse;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The payload log ({@code ccbridge.payload} at debug): the four bodies of each exchange in order, one line each
 * with its size, each upstream attempt numbered, cut to {@code BRIDGE_PAYLOAD_LOG_LIMIT} characters after
 * masking, and nothing at all when the logger is not at debug. It shares the wire with record mode.
 */
class PayloadLogTest {

    private static final String MODEL = "claude-sonnet-4-5";
    private static final Pattern SIZE = Pattern.compile("\\((\\d+) bytes\\): ");

    @Test
    void atDebugTheFourBodiesOfAnExchangeAreLoggedInOrder() {
        try (UpstreamStub upstream = UpstreamStub.start(); TestBridge bridge = TestBridge.forStub(upstream);
             LogCapture exchanges = LogCapture.exchanges(); LogCapture payloads = LogCapture.payloads()) {
            String upstreamSse = OpenAiSse.stream().text("logged answer").finish("stop").usage(5, 2).done();
            upstream.enqueue(UpstreamStub.sse(upstreamSse));
            String request = Messages.request(MODEL, true);

            TestBridge.Response response = bridge.post("/v1/messages?beta=true", request);
            String requestId = response.header("request-id");
            exchanges.lineOf(requestId);
            List<String> lines = payloads.linesOf(requestId);

            assertEquals(4, lines.size(), lines.toString());
            assertEquals(requestId + " client request POST /v1/messages?beta=true (" + request.length() + " bytes): "
                    + request, lines.get(0));
            String upstreamRequest = upstream.lastRequest().body();
            assertEquals(requestId + " upstream request 1 POST " + upstream.baseUrl() + "/chat/completions ("
                    + upstreamRequest.getBytes(StandardCharsets.UTF_8).length + " bytes): " + upstreamRequest,
                    lines.get(1));
            assertEquals(requestId + " upstream response 1 200 (" + upstreamSse.length() + " bytes): " + upstreamSse,
                    lines.get(2));
            assertEquals(requestId + " client response 200 (" + response.body().length() + " bytes): "
                    + response.body(), lines.get(3));
            OpenAiRequestSchema.check(upstreamRequest);
        }
    }

    @Test
    void eachUpstreamAttemptIsLoggedWithItsNumberAndStatus() {
        try (UpstreamStub primary = UpstreamStub.start(); UpstreamStub secondary = UpstreamStub.start();
             TestBridge bridge = TestBridge.start(new BridgeConfig().upstream("primary", primary)
                     .upstream("secondary", secondary).values());
             LogCapture exchanges = LogCapture.exchanges(); LogCapture payloads = LogCapture.payloads()) {
            String unavailable = "{\"error\":{\"message\":\"down for maintenance\"}}";
            primary.enqueue(UpstreamStub.json(503, unavailable));
            secondary.enqueue(UpstreamStub.json(200, Messages.completion("second try")));

            TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, false));
            String requestId = response.header("request-id");
            exchanges.lineOf(requestId);

            List<String> what = payloads.linesOf(requestId).stream()
                    .map(line -> line.substring(requestId.length() + 1, line.indexOf(" (")))
                    .toList();
            assertEquals(List.of("client request POST /v1/messages",
                    "upstream request 1 POST " + primary.baseUrl() + "/chat/completions",
                    "upstream response 1 503",
                    "upstream request 2 POST " + secondary.baseUrl() + "/chat/completions",
                    "upstream response 2 200",
                    "client response 200"), what);
            assertTrue(payloads.linesOf(requestId).get(2).endsWith(unavailable));
            OpenAiRequestSchema.check(primary.lastRequest().body());
            OpenAiRequestSchema.check(secondary.lastRequest().body());
        }
    }

    @Test
    void bodiesAreCutToTheLimitAfterMaskingAndKeepTheirFullSize() {
        String upstreamKey = "fake-upstream-key-for-payloads-7788";
        // Each body holds the key from character 29 to 67: masked before the cut at 40, so not even its start shows.
        String upstreamBody = Messages.completion("y".repeat(5000))
                .replaceFirst("^\\{", "{\"note\":\"" + "x".repeat(20) + upstreamKey + "\",");
        String request = Messages.request(MODEL, false)
                .replaceFirst("^\\{", "{\"metadata\":{\"user_id\":\"x" + upstreamKey + "\"},");
        try (UpstreamStub upstream = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(upstream, Map.of("UPSTREAM_API_KEY", upstreamKey,
                     "BRIDGE_PAYLOAD_LOG_LIMIT", "40"));
             LogCapture exchanges = LogCapture.exchanges(); LogCapture payloads = LogCapture.payloads()) {
            upstream.enqueue(UpstreamStub.json(200, upstreamBody));

            TestBridge.Response response = bridge.post("/v1/messages", request);
            String requestId = response.header("request-id");
            exchanges.lineOf(requestId);
            List<String> lines = payloads.linesOf(requestId);

            assertEquals(200, response.status(), response.body());
            assertEquals(4, lines.size(), lines.toString());
            for (String line : lines) {
                Matcher size = SIZE.matcher(line);
                assertTrue(size.find(), line);
                String body = line.substring(size.end());
                assertTrue(body.endsWith(" [cut at 40 characters]"), line);
                assertEquals(40, body.length() - " [cut at 40 characters]".length(), line);
                assertFalse(line.contains("sk-fake"), line);
            }
            assertTrue(lines.get(0).contains("\"user_id\":\"x****7788"), lines.get(0));
            assertTrue(lines.get(2).contains("x".repeat(20) + "****7788"), lines.get(2));
            assertEquals(" (" + request.length() + " bytes): ", sizeOf(lines.get(0)));
            assertEquals(" (" + upstreamBody.length() + " bytes): ", sizeOf(lines.get(2)));
            OpenAiRequestSchema.check(upstream.lastRequest().body());
        }
    }

    @Test
    void whenTheLoggerIsNotAtDebugNothingIsCopiedOrLogged() {
        assertSame(ExchangeTap.NONE, new PayloadLog(new Secrets(), 100).begin("req_off"),
                "no tap, so no body is copied and no string is built");
        try (UpstreamStub upstream = UpstreamStub.start(); TestBridge bridge = TestBridge.forStub(upstream);
             LogCapture exchanges = LogCapture.exchanges(); LogCapture everything = LogCapture.everything()) {
            upstream.enqueue(Messages.answer("quiet", true));

            String requestId = bridge.post("/v1/messages", Messages.request(MODEL, true)).header("request-id");
            exchanges.lineOf(requestId);

            assertEquals(1, everything.linesOf(requestId).size(), "only the exchange line: "
                    + everything.linesOf(requestId));
        }
    }

    @Test
    void thePayloadLogAndARecordingBothSeeEveryBody(@TempDir Path recordings) throws IOException {
        try (UpstreamStub upstream = UpstreamStub.start();
             TestBridge bridge = TestBridge.forStub(upstream, Map.of("BRIDGE_RECORD_DIR", recordings.toString()));
             LogCapture exchanges = LogCapture.exchanges(); LogCapture payloads = LogCapture.payloads()) {
            String upstreamSse = OpenAiSse.stream().text("seen twice").finish("stop").usage(5, 2).done();
            upstream.enqueue(UpstreamStub.sse(upstreamSse));

            TestBridge.Response response = bridge.post("/v1/messages", Messages.request(MODEL, true),
                    Map.of("x-claude-code-session-id", "tee-session"));
            String requestId = response.header("request-id");
            exchanges.lineOf(requestId);

            Path exchange = recordings.resolve("tee-session").resolve("0001");
            assertEquals(upstreamSse, Files.readString(exchange.resolve("upstream-response.body.sse")));
            assertEquals(4, payloads.linesOf(requestId).size());
            assertTrue(payloads.linesOf(requestId).get(2).endsWith(upstreamSse));
            assertTrue(payloads.linesOf(requestId).get(3).endsWith(response.body()));
            assertTrue(Files.readString(exchange.resolve("client-response.body.sse")).contains("seen twice"));
        }
    }

    private static String sizeOf(String line) {
        Matcher size = SIZE.matcher(line);
        assertTrue(size.find(), line);
        return " " + size.group();
    }
}
