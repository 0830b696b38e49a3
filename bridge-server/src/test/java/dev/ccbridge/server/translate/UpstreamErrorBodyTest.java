package dev.ccbridge.server.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream error bodies in every dialect seen, read into message, type, code name and numeric code. */
class UpstreamErrorBodyTest {

    @Test
    void openAiEnvelope() {
        UpstreamErrorBody error = UpstreamErrorBody.parse("""
                {"error":{"message":"This model's maximum context length is 8192 tokens.",
                 "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");

        assertEquals(new UpstreamErrorBody("This model's maximum context length is 8192 tokens.",
                "invalid_request_error", "context_length_exceeded", 0), error);
        assertEquals("invalid_request_error context_length_exceeded", error.kind());
    }

    @Test
    void openAiRateLimitKeepsItsCodeForMatching() {
        UpstreamErrorBody error = UpstreamErrorBody.parse("""
                {"error":{"message":"Rate limit reached","type":"tokens","param":null,
                 "code":"rate_limit_exceeded"}}""");

        assertEquals("tokens rate_limit_exceeded", error.kind());
    }

    @Test
    void plainErrorString() {
        assertEquals(new UpstreamErrorBody("Model is loading", null, null, 0),
                UpstreamErrorBody.parse("{\"error\":\"Model is loading\"}"));
    }

    @Test
    void tgiErrorStringWithErrorType() {
        UpstreamErrorBody error = UpstreamErrorBody.parse("""
                {"error":"Input validation error: `inputs` must have less than 4096 tokens. Given: 5000",
                 "error_type":"validation"}""");

        assertEquals(new UpstreamErrorBody("Input validation error: `inputs` must have less than 4096 tokens. "
                + "Given: 5000", "validation", null, 0), error);
    }

    @Test
    void vllmAndMistralTopLevelObject() {
        UpstreamErrorBody vllm = UpstreamErrorBody.parse("""
                {"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,
                 "code":404}""");
        UpstreamErrorBody mistral = UpstreamErrorBody.parse("""
                {"object":"error","message":"Unexpected role 'user' after role 'tool'",
                 "type":"invalid_request_message_order","param":null,"code":"3230"}""");

        assertEquals(new UpstreamErrorBody("The model `x` does not exist.", "NotFoundError", null, 404), vllm);
        assertEquals(new UpstreamErrorBody("Unexpected role 'user' after role 'tool'",
                "invalid_request_message_order", null, 3230), mistral);
    }

    @Test
    void fastApiDetailString() {
        assertEquals(new UpstreamErrorBody("Not Found", null, null, 0),
                UpstreamErrorBody.parse("{\"detail\":\"Not Found\"}"));
    }

    @Test
    void fastApiValidationErrors() {
        UpstreamErrorBody error = UpstreamErrorBody.parse("""
                {"detail":[{"type":"less_than_equal","loc":["body","max_tokens"],
                  "msg":"Input should be less than or equal to 4096","input":32000},
                 {"type":"missing","loc":["body","messages",0,"role"],"msg":"Field required"}]}""");

        assertEquals("body.max_tokens: Input should be less than or equal to 4096; body.messages.0.role: Field "
                + "required", error.message());
    }

    @Test
    void geminiArray() {
        UpstreamErrorBody error = UpstreamErrorBody.parse("""
                [{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \\"top_k\\": \
                Cannot find field.","status":"INVALID_ARGUMENT","details":[]}}]""");

        assertEquals(new UpstreamErrorBody("Invalid JSON payload received. Unknown name \"top_k\": Cannot find "
                + "field.", null, "INVALID_ARGUMENT", 400), error);
        assertEquals("invalid_argument", error.kind());
    }

    @Test
    void openRouterNumericCode() {
        assertEquals(new UpstreamErrorBody("Provider returned error", null, null, 502),
                UpstreamErrorBody.parse("{\"error\":{\"code\":502,\"message\":\"Provider returned error\","
                        + "\"metadata\":{\"raw\":\"...\"}}}"));
    }

    @Test
    void htmlErrorPageIsNamedNotCopied() {
        UpstreamErrorBody error = UpstreamErrorBody.parse("""
                <!DOCTYPE html>
                <html><head><title>502 Bad Gateway</title></head>
                <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
                """);

        assertEquals(new UpstreamErrorBody("the upstream answered with an HTML error page (502 Bad Gateway)", null,
                null, 0), error);
    }

    @Test
    void htmlWithoutTitle() {
        assertEquals("the upstream answered with an HTML error page",
                UpstreamErrorBody.parse("<html><body>oops</body></html>").message());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n"})
    void emptyBody(String body) {
        assertEquals(new UpstreamErrorBody("the upstream gave no error details", null, null, 0),
                UpstreamErrorBody.parse(body));
    }

    @Test
    void plainText() {
        assertEquals(new UpstreamErrorBody("upstream connect error or disconnect/reset before headers", null, null,
                0), UpstreamErrorBody.parse("upstream connect error or disconnect/reset before headers\n"));
    }

    @Test
    void brokenJsonIsKeptAsText() {
        assertEquals("{\"error\": {\"message\": \"cut", UpstreamErrorBody.parse("{\"error\": {\"message\": \"cut")
                .message());
    }

    @Test
    void anUnknownObjectIsShownAsItIs() {
        assertEquals("{\"status\":\"failed\"}", UpstreamErrorBody.parse("{\"status\":\"failed\"}").message());
    }

    @Test
    void aHugeMessageIsCut() {
        String huge = "x".repeat(10_000);

        String message = UpstreamErrorBody.parse("{\"error\":{\"message\":\"" + huge + "\"}}").message();

        assertEquals(601, message.length());
        assertTrue(message.endsWith("\u2026"));
        assertEquals(601, UpstreamErrorBody.parse(huge).message().length());
    }
}
