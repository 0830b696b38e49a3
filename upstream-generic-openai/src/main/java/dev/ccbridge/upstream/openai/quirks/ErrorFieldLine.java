package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/**
 * Reads llama.cpp's mid-stream errors, which its server writes as a non-standard SSE field
 * ({@code error: {"code":500,"message":"...","type":"server_error"}}) followed by {@code data: [DONE]}. A standard
 * SSE parser drops the unknown field and the failure looks like a normal end; this turns it into a
 * {@code data: {"error": {...}}} event, the form OpenAI uses.
 *
 * <p>Gate: only SSE fields named {@code error}.
 */
public final class ErrorFieldLine implements ChunkQuirk {

    @Override
    public String name() {
        return "error-field-line";
    }

    @Override
    public Rewriter open() {
        return event -> {
            if (!(event instanceof UpstreamEvent.Field field) || !field.name().equals("error")) {
                return event;
            }
            JsonObject error;
            try (JsonReader reader = Json.createReader(new StringReader(field.value()))) {
                error = reader.readObject();
            } catch (JsonException | ClassCastException e) {
                error = Json.createObjectBuilder().add("message", field.value()).add("type", "server_error").build();
            }
            return new UpstreamEvent.Data(Json.createObjectBuilder().add("error", error).build());
        };
    }
}
