package dev.ccbridge.server.translate;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Locale;

/**
 * The useful parts of an upstream error body, whatever its dialect: OpenAI {@code {"error":{"message","type",
 * "code"}}}, a plain {@code {"error":"..."}}, vLLM and Mistral {@code {"object":"error","message"}}, FastAPI
 * {@code {"detail"}}, Gemini's array {@code [{"error":{...}}]}, an HTML error page, or plain text.
 *
 * @param message the error message, never {@code null}
 * @param type    the error type or code name, or {@code null}
 * @param code    a numeric code, or 0
 */
public record UpstreamErrorBody(String message, String type, int code) {

    private static final int MAX_MESSAGE = 600;

    /**
     * @param body the body as received (may be empty)
     * @return the parsed error
     */
    public static UpstreamErrorBody parse(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(trimmed))) {
                JsonStructure json = reader.read();
                if (json instanceof JsonArray array && !array.isEmpty() && array.get(0) instanceof JsonObject first) {
                    return fromObject(first);
                }
                if (json instanceof JsonObject object) {
                    return fromObject(object);
                }
            } catch (JsonException e) {
                return new UpstreamErrorBody(cut(trimmed), null, 0);
            }
        }
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("<!doctype") || trimmed.toLowerCase(Locale.ROOT).startsWith("<html")) {
            return new UpstreamErrorBody("the upstream answered with an HTML error page", null, 0);
        }
        return new UpstreamErrorBody(trimmed.isEmpty() ? "the upstream gave no error details" : cut(trimmed), null, 0);
    }

    /**
     * @param object an error object, either the envelope or the inner {@code error}
     * @return the parsed error
     */
    public static UpstreamErrorBody fromObject(JsonObject object) {
        JsonValue error = object.get("error");
        if (error instanceof JsonObject inner) {
            object = inner;
        } else if (error instanceof JsonString s) {
            return new UpstreamErrorBody(cut(s.getString()), text(object, "type"), number(object, "code"));
        }
        String message = text(object, "message");
        if (message == null) {
            message = text(object, "detail");
        }
        if (message == null) {
            message = cut(object.toString());
        }
        String type = text(object, "type");
        String code = text(object, "code");
        if (code == null) {
            code = text(object, "status");
        }
        return new UpstreamErrorBody(cut(message), type != null ? type : code, number(object, "code"));
    }

    /**
     * @return the type and code names joined, lower case, for matching
     */
    public String kind() {
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        return null;
    }

    private static int number(JsonObject object, String field) {
        return object.get(field) instanceof JsonNumber n ? n.intValue() : 0;
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
