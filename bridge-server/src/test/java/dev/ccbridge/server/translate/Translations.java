package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.anthropic.MessagesRequestReader;
import dev.ccbridge.server.testing.OpenAiRequestSchema;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import static dev.ccbridge.server.testing.Json.q;

/**
 * Reads and translates test requests the way the messages route does, and checks every translation against the
 * OpenAI request schema and the tool-call sequence rule ({@link ToolCallSequence}).
 */
final class Translations {

    static final String UPSTREAM = "joytoken";
    static final String UPSTREAM_MODEL = "upstream-model";
    static final Capabilities PLAIN = Capabilities.builder().build();

    private Translations() {
    }

    static Translation translate(JsonObject request, Capabilities capabilities, String sessionHeader) {
        MessagesRequest parsed = MessagesRequestReader.read(request, 4096);
        Translation translation = RequestTranslator.translate(parsed, UPSTREAM_MODEL, capabilities, UPSTREAM,
                sessionHeader);
        OpenAiRequestSchema.check(translation.body());
        ToolCallSequence.check(translation.body());
        return translation;
    }

    static Translation translate(JsonObject request, Capabilities capabilities) {
        return translate(request, capabilities, null);
    }

    /** Translates a single-quoted request for a plain OpenAI-compatible upstream. */
    static JsonObject body(String singleQuotedRequest) {
        return translate(q(singleQuotedRequest), PLAIN).body();
    }

    /** A JSON array written with single quotes. */
    static JsonArray array(String singleQuotedArray) {
        return q("{'array':" + singleQuotedArray + "}").getJsonArray("array");
    }

    /** A request with the given single-quoted messages array and nothing else. */
    static JsonObject withMessages(String singleQuotedMessages) {
        return q("{'model':'claude-sonnet-4-5','max_tokens':1024,'messages':" + singleQuotedMessages + "}");
    }

    /** The translated messages of a request that has only the given messages, for a plain upstream. */
    static JsonArray messagesOf(String singleQuotedMessages) {
        return translate(withMessages(singleQuotedMessages), PLAIN).body().getJsonArray("messages");
    }

    /** The translated messages of a request that has only the given messages. */
    static JsonArray messagesOf(String singleQuotedMessages, Capabilities capabilities) {
        return translate(withMessages(singleQuotedMessages), capabilities).body().getJsonArray("messages");
    }
}
