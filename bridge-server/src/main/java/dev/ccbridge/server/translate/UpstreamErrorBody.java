package dev.ccbridge.server.translate;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The useful parts of an upstream error body, whatever its dialect: OpenAI {@code {"error":{"message","type",
 * "code"}}}, a plain {@code {"error":"..."}} (TGI adds {@code error_type}), vLLM and Mistral
 * {@code {"object":"error","message"}}, FastAPI {@code {"detail"}} (a string or a list of validation errors),
 * Gemini's array {@code [{"error":{"code","message","status"}}]}, an HTML error page, or plain text.
 *
 * @param message  the error message, never {@code null}, at most about 600 characters
 * @param type     the error type ({@code type}, {@code error_type}), or {@code null}
 * @param codeName the error code as a name ({@code code} when it is a string, Gemini's {@code status}), or
 *                 {@code null}
 * @param code     a numeric code ({@code code} when it is a number or a numeric string), or 0
 */
public record UpstreamErrorBody(String message, String type, String codeName, int code) {

    private static final int MAX_MESSAGE = 600;
    private static final Pattern HTML_TITLE = Pattern.compile("<title>\\s*([^<]*?)\\s*</title>",
            Pattern.CASE_INSENSITIVE);

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
            } catch (RuntimeException e) {
                // JSON-P's errors, Parsson's bare exception for a body nested deeper than its limit, and its
                // NumberFormatException for a number it cannot hold (an exponent past an int).
                return new UpstreamErrorBody(cut(trimmed), null, null, 0);
            }
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype") || lower.startsWith("<html")) {
            Matcher title = HTML_TITLE.matcher(trimmed);
            String what = title.find() && !title.group(1).isBlank() ? " (" + cut(title.group(1)) + ")" : "";
            return new UpstreamErrorBody("the upstream answered with an HTML error page" + what, null, null, 0);
        }
        return new UpstreamErrorBody(trimmed.isEmpty() ? "the upstream gave no error details" : cut(trimmed), null,
                null, 0);
    }

    /**
     * @param object an error object, either the envelope or the inner {@code error}
     * @return the parsed error
     */
    public static UpstreamErrorBody fromObject(JsonObject object) {
        JsonValue error = object.get("error");
        String message;
        if (error instanceof JsonObject inner) {
            object = inner;
            message = text(object, "message");
        } else if (error instanceof JsonString s && !s.getString().isBlank()) {
            message = s.getString();
        } else {
            message = text(object, "message");
        }
        if (message == null) {
            message = detail(object.get("detail"));
        }
        if (message == null) {
            message = object.toString();
        }
        String type = text(object, "type");
        String codeName = text(object, "code");
        return new UpstreamErrorBody(cut(message), type != null ? type : text(object, "error_type"),
                codeName != null && !isNumber(codeName) ? codeName : text(object, "status"), number(object, "code"));
    }

    /**
     * @return the type and the code name, lower case and joined by a space, for matching
     */
    public String kind() {
        String joined = type == null ? (codeName == null ? "" : codeName)
                : codeName == null ? type : type + " " + codeName;
        return joined.toLowerCase(Locale.ROOT);
    }

    /** FastAPI's {@code detail}: a message, or a list of {@code {"loc":[...],"msg":"..."}} validation errors. */
    private static String detail(JsonValue detail) {
        if (detail instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        if (!(detail instanceof JsonArray problems)) {
            return null;
        }
        StringJoiner joined = new StringJoiner("; ");
        for (JsonValue problem : problems) {
            if (problem instanceof JsonObject p && text(p, "msg") != null) {
                String where = p.get("loc") instanceof JsonArray loc ? loc.stream()
                        .map(part -> part instanceof JsonString name ? name.getString() : part.toString())
                        .collect(Collectors.joining(".")) : "";
                joined.add(where.isEmpty() ? text(p, "msg") : where + ": " + text(p, "msg"));
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    private static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        return null;
    }

    private static int number(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value instanceof JsonNumber n) {
            return n.intValue();
        }
        if (value instanceof JsonString s && isNumber(s.getString())) {
            return Integer.parseInt(s.getString());
        }
        return 0;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit);
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "\u2026";
    }
}
