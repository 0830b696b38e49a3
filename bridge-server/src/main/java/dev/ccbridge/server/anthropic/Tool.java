package dev.ccbridge.server.anthropic;

import jakarta.json.JsonObject;

/** A tool definition: a custom (client-executed) tool, or an Anthropic server tool. */
public sealed interface Tool {

    /**
     * @return the tool's name
     */
    String name();

    /**
     * @param name         the tool's name
     * @param description  what it does, or {@code null}
     * @param inputSchema  the JSON Schema of its input, verbatim
     * @param deferLoading whether it is withheld until a tool_reference names it
     */
    record Custom(String name, String description, JsonObject inputSchema, boolean deferLoading) implements Tool {
    }

    /**
     * A tool the Anthropic API executes itself ({@code web_search_20250305}, {@code code_execution_...}).
     *
     * @param type the versioned type
     * @param name the tool's name
     */
    record Server(String type, String name) implements Tool {
    }
}
