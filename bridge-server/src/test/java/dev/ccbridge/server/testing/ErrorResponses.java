package dev.ccbridge.server.testing;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that an error reached the client the way Claude Code understands it: an Anthropic envelope
 * ({@code {"type":"error","error":{"type","message"}}}) with a {@code request-id} header before the stream started,
 * or an {@code error} event as the last event of a well-formed stream after it; and that the message is written for
 * a person: no stack trace, no Java class name, no HTML.
 */
public final class ErrorResponses {

    /** A fully qualified Java class name such as {@code java.net.SocketException}. */
    private static final Pattern JAVA_CLASS = Pattern.compile("\\b(?:java|javax|jakarta|io\\.helidon|sun|jdk|org"
            + "\\.eclipse|dev\\.ccbridge)\\.[a-z0-9_.]*[A-Z]\\w*");
    /** A simple class name of an exception, such as {@code RuntimeException} or {@code StackOverflowError}. */
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b");
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)");
    private static final Pattern HTML = Pattern.compile("<\\s*(?:html|head|body|title|h1|!doctype)",
            Pattern.CASE_INSENSITIVE);

    private ErrorResponses() {
    }

    /**
     * @param response the response
     * @param status   the expected HTTP status
     * @param type     the expected {@code error.type}
     * @return the {@code error} object
     */
    public static JsonObject assertError(TestBridge.Response response, int status, String type) {
        assertEquals(status, response.status(), response.body());
        String contentType = response.header("content-type");
        assertNotNull(contentType, "no content-type on " + response.body());
        assertTrue(contentType.startsWith("application/json"), contentType + ": " + response.body());
        assertNotNull(response.header("request-id"), "no request-id header");
        JsonObject envelope = Json.parseObject(response.body());
        assertEquals("error", envelope.getString("type"), response.body());
        JsonObject error = envelope.getJsonObject("error");
        assertEquals(type, error.getString("type"), response.body());
        assertReadable(error.getString("message"));
        assertReadable(response.body());
        return error;
    }

    /**
     * @param response a streamed response that failed after it started
     * @param type     the expected {@code error.type} of the last event
     * @return the {@code error} object of the last event
     */
    public static JsonObject assertErrorEvent(TestBridge.Response response, String type) {
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("text/event-stream"), response.header("content-type"));
        List<SseEvent> events = response.events();
        AnthropicStreamGrammar.check(events);
        SseEvent last = events.getLast();
        assertEquals("error", last.type(), "the last event should be an error: " + response.body());
        JsonObject error = last.data().getJsonObject("error");
        assertEquals(type, error.getString("type"), response.body());
        assertReadable(error.getString("message"));
        return error;
    }

    /**
     * @param text text bound for the client
     */
    public static void assertReadable(String text) {
        assertFalse(text.isBlank(), "an empty error message");
        assertFalse(JAVA_CLASS.matcher(text).find(), "a Java class name reached the client: " + text);
        assertFalse(EXCEPTION_NAME.matcher(text).find(), "an exception name reached the client: " + text);
        assertFalse(STACK_FRAME.matcher(text).find(), "a stack trace reached the client: " + text);
        assertFalse(HTML.matcher(text).find(), "HTML reached the client: " + text);
    }
}
