package dev.ccbridge.server.testing;

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
 * OpenAI's {@code CreateChatCompletionRequest} schema (extracted from the official OpenAPI spec), to check every
 * request the bridge sends upstream.
 */
public final class OpenAiRequestSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private OpenAiRequestSchema() {
    }

    /**
     * @param request an outbound request body
     * @throws AssertionError listing every violation
     */
    public static void check(JsonObject request) {
        check(request.toString());
    }

    /**
     * @param request an outbound request body as text
     * @throws AssertionError listing every violation
     */
    public static void check(String request) {
        JsonNode node;
        try {
            node = MAPPER.readTree(request);
        } catch (IOException e) {
            throw new AssertionError("the upstream request is not JSON: " + e.getMessage());
        }
        Set<ValidationMessage> problems = SCHEMA.validate(node);
        if (!problems.isEmpty()) {
            throw new AssertionError("the upstream request violates the OpenAI chat request schema: " + problems
                    + "\n" + (request.length() > 2000 ? request.substring(0, 2000) + "..." : request));
        }
    }

    private static JsonSchema load() {
        try (InputStream in = OpenAiRequestSchema.class.getResourceAsStream("/openai-schema/chat-request.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
