package dev.ccbridge.server.translate;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * A translated request.
 *
 * @param body      the OpenAI chat/completions request
 * @param toolNames the tool-name aliases used, for mapping names in the response back
 * @param notes     what the translation changed or dropped that a user should be able to see in the log
 */
public record Translation(JsonObject body, ToolNames toolNames, List<String> notes) {
}
