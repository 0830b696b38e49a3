package dev.ccbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * OpenAI's {@code CreateChatCompletionRequest} as JSON Schema (extracted from the official OpenAPI spec, with
 * {@code nullable} converted), to check that what an adapter prepares is still a valid chat request.
 */
public final class ChatRequestSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private ChatRequestSchema() {
    }

    /**
     * @param request an outbound request body
     * @throws AssertionError listing every violation
     */
    public static void check(JsonObject request) {
        JsonNode node;
        try {
            node = MAPPER.readTree(request.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<ValidationMessage> problems = SCHEMA.validate(node);
        if (!problems.isEmpty()) {
            throw new AssertionError("the request violates the OpenAI chat request schema: " + problems + "\n"
                    + request);
        }
    }

    private static JsonSchema load() {
        try (InputStream in = ChatRequestSchema.class.getResourceAsStream("/openai-schema/chat-request.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("openai-schema/chat-request.schema.json is not on the class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
