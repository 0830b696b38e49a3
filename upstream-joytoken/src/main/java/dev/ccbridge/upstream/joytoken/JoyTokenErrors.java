package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.FailureKind;
import dev.ccbridge.api.UpstreamFailure;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JoyToken's refusals in words that say what to fix. A key or policy problem is permanent, so it is reported as a
 * permission error (403): Claude Code stops at once and shows the message, where a 401 would be retried ten times
 * over about three minutes before a misleading "Not logged in".
 */
final class JoyTokenErrors {

    /** Whole words only: "load balancer" is not about a balance. */
    private static final Pattern BILLING_WORDS = Pattern.compile(
            "\\b(insufficient_quota|wallet|balance|budget|credits?)\\b", Pattern.CASE_INSENSITIVE);

    private JoyTokenErrors() {
    }

    static Optional<UpstreamFailure> classify(int status, String body) {
        String message = message(body);
        boolean billing = status == 402 || ((status == 403 || status == 429)
                && BILLING_WORDS.matcher(message + " " + body).find());
        if (billing) {
            return Optional.of(new UpstreamFailure(FailureKind.BILLING, "JoyToken refused the request for billing "
                    + "reasons (" + status + ": " + message + "); top up the wallet or raise the key's budget in the "
                    + "JoyToken console"));
        }
        return switch (status) {
            case 401 -> Optional.of(new UpstreamFailure(FailureKind.PERMISSION, "JoyToken rejected the API key (401: "
                    + message + "); check JOY_TOKEN_API_KEY, or create a key in the JoyToken console"));
            case 403 -> Optional.of(new UpstreamFailure(FailureKind.PERMISSION, "JoyToken policy denied the request "
                    + "(403: " + message + "); check the key's model, IP and policy settings in the JoyToken console"));
            case 429 -> Optional.of(new UpstreamFailure(FailureKind.RATE_LIMITED, "JoyToken rate limit (429: "
                    + message + ")"));
            default -> Optional.empty();
        };
    }

    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return "no details";
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject root = reader.readObject();
            JsonObject error = root.get("error") instanceof JsonObject e ? e : root;
            if (error.get("message") instanceof JsonString s) {
                return s.getString();
            }
            if (root.get("error") instanceof JsonString s) {
                return s.getString();
            }
        } catch (JsonException | ClassCastException e) {
            // not JSON: use the text
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
