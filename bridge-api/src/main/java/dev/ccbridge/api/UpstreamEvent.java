package dev.ccbridge.api;

import jakarta.json.JsonObject;

import java.util.Objects;

/**
 * One server-sent event read from an upstream stream, before translation. {@link ChunkQuirk}s see and may rewrite
 * these. New kinds of event may be added, so handle the ones you know and pass the rest on unchanged.
 */
public interface UpstreamEvent {

    /**
     * A {@code data:} event holding a JSON object: a chunk, or an error object.
     *
     * @param json the parsed data
     */
    record Data(JsonObject json) implements UpstreamEvent {
        /**
         * @param json the parsed data
         */
        public Data {
            Objects.requireNonNull(json, "json");
        }
    }

    /** The {@code data: [DONE]} end marker. */
    record Done() implements UpstreamEvent {
    }

    /**
     * A {@code data:} event whose payload is not a JSON object.
     *
     * @param raw     the payload as received
     * @param problem why it could not be read
     */
    record Malformed(String raw, String problem) implements UpstreamEvent {
    }

    /**
     * An SSE comment line, e.g. {@code : keep-alive} or {@code : OPENROUTER PROCESSING}.
     *
     * @param text the comment without the leading colon
     */
    record Comment(String text) implements UpstreamEvent {
    }

    /**
     * An event with a field other than {@code data}, e.g. llama.cpp's non-standard {@code error: {...}} line or a
     * named {@code event:}.
     *
     * @param name  the field or event name
     * @param value its value
     */
    record Field(String name, String value) implements UpstreamEvent {
    }
}
