package dev.ccbridge.server.security;

import dev.ccbridge.server.testing.ErrorResponses;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.RawHttp;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests no client should send, over HTTP: each gets a 400 {@code invalid_request_error} (413
 * {@code request_too_large} for size) in the Anthropic envelope, naming the field at fault; never a 500, a stack
 * trace or a Java class name; and nothing reaches the upstream. Unknown but well-formed things are ignored, and
 * requests for routes that do not exist get an Anthropic envelope too, while the health endpoints keep working.
 */
class BadInputTest {

    private static final long LIMIT = 2 * 1024 * 1024;
    private static final String MESSAGES = "/v1/messages";

    private static UpstreamStub stub;
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        stub = UpstreamStub.start();
        bridge = TestBridge.forStub(stub, Map.of("bridge.max-request-bytes", Long.toString(LIMIT)));
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

    // ---- malformed and mistyped ----------------------------------------------------------------------------

    /** The bodies, written with single quotes for double. */
    static Stream<Arguments> badBodies() {
        String hi = "'messages':[{'role':'user','content':'hi'}]";
        return Stream.of(
                bad("malformed JSON", "{'model':'claude-x','messages':[}", "request body is not valid JSON"),
                bad("a second object after it", body(hi) + " {}", "request body is not valid JSON"),
                bad("words after the object", body(hi) + " trailing", "request body is not valid JSON"),
                bad("an array", "[1,2,3]", "must be an object"),
                bad("missing model", "{'max_tokens':5," + hi + "}", "model: Field required"),
                bad("model not a string", "{'model':5,'max_tokens':5," + hi + "}", "model: must be a string"),
                bad("max_tokens not an integer", "{'model':'claude-x','max_tokens':'ten'," + hi + "}",
                        "max_tokens: must be an integer"),
                bad("missing messages", "{'model':'claude-x','max_tokens':5}", "messages: Field required"),
                bad("messages not an array", body("'messages':'hi'"), "messages: must be an array"),
                bad("message without role", body("'messages':[{'content':'hi'}]"), "messages.0.role: Field required"),
                bad("message with unknown role", body("'messages':[{'role':'robot','content':'hi'}]"),
                        "messages.0.role: must be one of"),
                bad("message without content", body("'messages':[{'role':'user'}]"),
                        "messages.0.content: Field required"),
                bad("block type not a string", body("'messages':[{'role':'user','content':'a'},{'role':'assistant',"
                        + "'content':'b'},{'role':'user','content':'c'},{'role':'assistant','content':[{'type':7}]}]"),
                        "messages.3.content.0.type: must be a string"),
                bad("text not a string", body("'messages':[{'role':'user','content':[{'type':'text','text':5}]}]"),
                        "messages.0.content.0.text: must be a string"),
                bad("tool_use without id", body("'messages':[{'role':'user','content':'hi'},{'role':'assistant',"
                        + "'content':[{'type':'tool_use','name':'Read','input':{}}]}]"),
                        "messages.1.content.0.id: Field required"),
                bad("stream not a boolean", body("'stream':'yes'," + hi), "stream: must be a boolean"),
                bad("tools not an array", body("'tools':{}," + hi), "tools: must be an array"),
                bad("system not text", body("'system':5," + hi), "system: must be a string or an array"),
                bad("temperature not a number", body("'temperature':'hot'," + hi), "temperature: must be a number"),
                bad("stop sequence not a string", body("'stop_sequences':[1]," + hi),
                        "stop_sequences.0: must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadBodyIsAnInvalidRequestNamingTheField(String what, String body, String expected) {
        TestBridge.Response response = bridge.post(MESSAGES, body);

        String message = ErrorResponses.assertError(response, 400, "invalid_request_error").getString("message");
        assertTrue(message.contains(expected), what + ": " + message);
        assertTrue(stub.requests().isEmpty(), what + " reached the upstream");
    }

    @Test
    void anEmptyBodyIsAnInvalidRequest() {
        String message = ErrorResponses.assertError(bridge.post(MESSAGES, ""), 400, "invalid_request_error")
                .getString("message");

        assertTrue(message.contains("empty"), message);
    }

    @Test
    void invalidUtf8IsAnInvalidRequest() {
        byte[] body = RawHttp.concat("{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                .getBytes(StandardCharsets.UTF_8), new byte[] {'"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}', ']', '}'});

        TestBridge.Response response = RawHttp.exchange(bridge.port(), RawHttp.post(
                "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json", body));

        String message = ErrorResponses.assertError(response, 400, "invalid_request_error").getString("message");
        assertTrue(message.contains("UTF-8"), message);
    }

    @Test
    void aDeeplyNestedDocumentIsAnInvalidRequestNotAStackOverflow() {
        int depth = 100_000;
        String nested = "[".repeat(depth) + "]".repeat(depth);

        for (String body : new String[] {nested, "{\"model\":\"claude-x\",\"max_tokens\":5,\"metadata\":{\"x\":"
                + nested + "},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"}) {
            TestBridge.Response response = bridge.post(MESSAGES, body);

            String message = ErrorResponses.assertError(response, 400, "invalid_request_error").getString("message");
            assertTrue(message.contains("nested"), message);
        }
        assertTrue(stub.requests().isEmpty());
        assertEquals(200, bridge.get("/health").status());
    }

    // ---- large but valid, and unknown things -----------------------------------------------------------------

    @Test
    void tenThousandMessagesAreTranslatedQuickly() {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"message ").append(i).append("\"}");
        }
        stub.enqueue(Messages.answer("read them all", false));

        long start = System.nanoTime();
        TestBridge.Response response = bridge.post(MESSAGES, "{\"model\":\"claude-x\",\"max_tokens\":5,"
                + "\"messages\":[" + messages + "]}");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, response.status(), response.body());
        assertEquals(10_000, stub.lastRequest().json().getJsonArray("messages").size());
        System.out.printf("10000 messages answered in %d ms%n", millis);
        assertTrue(millis < 5000, "10000 messages took " + millis + " ms");
    }

    @Test
    void unknownContentBlockTypesAreIgnored() {
        stub.enqueue(Messages.answer("fine", false));

        TestBridge.Response response = bridge.post(MESSAGES, "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\",\"frames\":[1,2]},{\"type\":\"text\","
                + "\"text\":\"hi\"}]}],\"some_future_field\":{\"x\":1}}");

        assertEquals(200, response.status(), response.body());
        String upstream = stub.lastRequest().body();
        assertFalse(upstream.contains("hologram") || upstream.contains("some_future_field"), upstream);
        assertTrue(upstream.contains("hi"), upstream);
    }

    @Test
    void aToolResultWithoutItsToolUseIsTranslatedNotRefused() {
        stub.enqueue(Messages.answer("fine", false));

        TestBridge.Response response = bridge.post(MESSAGES, "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_gone\","
                + "\"content\":\"file contents\"},{\"type\":\"text\",\"text\":\"go on\"}]}]}");

        assertEquals(200, response.status(), response.body());
        JsonArray messages = stub.lastRequest().json().getJsonArray("messages");
        assertTrue(messages.toString().contains("file contents"), messages.toString());
        assertTrue(messages.getValuesAs(JsonObject.class).stream().noneMatch(m -> m.getString("role").equals("tool")),
                "an orphan tool message would make the upstream answer 400: " + messages);
    }

    // ---- size ------------------------------------------------------------------------------------------------

    @Test
    void aBodyOverTheLimitIsRequestTooLarge() {
        TestBridge.Response response = bridge.post(MESSAGES, bigBody());

        String message = ErrorResponses.assertError(response, 413, "request_too_large").getString("message");
        assertTrue(message.contains("bridge.max-request-bytes"), message);
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() {
        byte[] head = ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (LIMIT * 10) + "\r\n\r\n{\"model\":").getBytes(StandardCharsets.UTF_8);

        ErrorResponses.assertError(RawHttp.exchange(bridge.port(), head), 413, "request_too_large");
    }

    @Test
    void aContentLengthShorterThanTheBodyReadsOnlyWhatItAnnounced() {
        byte[] body = Messages.request("claude-x", false).getBytes(StandardCharsets.UTF_8);
        byte[] lying = RawHttp.concat(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nContent-Length: 20\r\n\r\n").getBytes(StandardCharsets.UTF_8), body);

        String message = ErrorResponses.assertError(RawHttp.exchange(bridge.port(), lying), 400,
                "invalid_request_error").getString("message");
        assertTrue(message.contains("not valid JSON"), message);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRequestTooLarge() {
        StringBuilder chunked = new StringBuilder("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String piece = "x".repeat(64 * 1024);
        for (long sent = 0; sent <= LIMIT; sent += piece.length()) {
            chunked.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        chunked.append("0\r\n\r\n");

        ErrorResponses.assertError(RawHttp.exchange(bridge.port(), chunked.toString().getBytes(
                StandardCharsets.US_ASCII)), 413, "request_too_large");
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void aPostWithoutContentLengthOrChunkingHasAnEmptyBody() {
        TestBridge.Response response = RawHttp.exchange(bridge.port(), ("POST /v1/messages HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        ErrorResponses.assertError(response, 400, "invalid_request_error");
    }

    /**
     * Helidon refuses headers larger than {@code server.protocols.http_1_1.max-headers-size} before any route
     * runs, with a 400 and {@code Connection: close}; without the bridge's direct handler the body would be empty.
     * Helidon does not tell the handler which limit was broken, so the message names the likely causes.
     */
    @Test
    void headersOverTheLimitGetAnAnthropicError() {
        String message = ErrorResponses.assertError(RawHttp.exchange(bridge.port(), withHeaderOf(64 * 1024)), 400,
                "invalid_request_error").getString("message");
        assertTrue(message.contains("max-headers-size"), message);
        assertEquals(200, bridge.get("/health").status());
    }

    @Test
    void theHeaderLimitIsConfigurable() {
        byte[] eightKilobytes = withHeaderOf(8 * 1024);
        String unchanged = ErrorResponses.assertError(RawHttp.exchange(bridge.port(), eightKilobytes), 400,
                "invalid_request_error").getString("message");
        assertTrue(unchanged.contains("Field required"), "8 KiB of headers are within the default: " + unchanged);

        try (TestBridge strict = TestBridge.forStub(stub, Map.of("server.protocols.http_1_1.max-headers-size",
                "4096"))) {
            String refused = ErrorResponses.assertError(RawHttp.exchange(strict.port(), eightKilobytes), 400,
                    "invalid_request_error").getString("message");
            assertTrue(refused.contains("max-headers-size"), refused);
        }
    }

    /** @return a request whose body lacks {@code model}, with a header of about {@code size} bytes */
    private static byte[] withHeaderOf(int size) {
        return ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Padding: " + "p".repeat(size) + "\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    // ---- routes ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /v1/messages, 405, invalid_request_error",
            "PUT, /v1/messages/count_tokens, 405, invalid_request_error",
            "POST, /v1/models, 405, invalid_request_error",
            "DELETE, /health, 405, invalid_request_error",
            "POST, /v1/usage, 405, invalid_request_error",
            "DELETE, /anthropic/v1/usage, 405, invalid_request_error",
            "GET, /anthropic/v1/messages, 405, invalid_request_error",
            "POST, /v1/unknown, 404, not_found_error",
            "GET, /, 404, not_found_error",
            "POST, /v2/messages, 404, not_found_error",
            "GET, /observe/nothing-here, 404, not_found_error"})
    void unknownRoutesAndWrongMethodsGetAnAnthropicError(String method, String path, int status, String type)
            throws Exception {
        HttpResponse<String> response = send(method, path);

        ErrorResponses.assertError(new TestBridge.Response(response.statusCode(), response.headers().map(),
                response.body()), status, type);
        if (status == 405) {
            assertFalse(response.headers().allValues("allow").isEmpty(), "no Allow header");
        }
    }

    @Test
    void healthEndpointsAreNotShadowedByTheCatchAll() throws Exception {
        assertEquals("ok", Json.parseObject(bridge.get("/health").body()).getString("status"));
        HttpResponse<String> observed = send("GET", "/observe/health/live");
        assertEquals(200, observed.statusCode(), observed.body());
        assertEquals("UP", Json.parseObject(observed.body()).getString("status"));
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String body(String fields) {
        return "{'model':'claude-x','max_tokens':5," + fields + "}";
    }

    private static Arguments bad(String what, String singleQuoted, String expected) {
        return Arguments.of(what, singleQuoted.replace('\'', '"'), expected);
    }

    private static String bigBody() {
        return "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat((int) LIMIT) + "\"}]}";
    }
}
