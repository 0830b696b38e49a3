package dev.ccbridge.server.scripted;

import jakarta.json.JsonObject;

/**
 * A tool call the scripted model makes.
 *
 * @param id        the call id, or {@code null} for a generated {@code call_<n>}
 * @param name      the tool's Anthropic name; the upstream sends the alias the bridge gave it
 * @param arguments the arguments
 */
public record ToolCall(String id, String name, JsonObject arguments) {
}
