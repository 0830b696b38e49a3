package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.server.anthropic.ContentBlock;
import dev.ccbridge.server.anthropic.Message;
import dev.ccbridge.server.anthropic.Tool;
import dev.ccbridge.server.anthropic.ToolChoice;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.ccbridge.server.translate.ContentParts.JSON;

/**
 * Tools and tool choice. Deferred tools ({@code defer_loading:true}, Claude Code's tool search) are sent only
 * once a {@code tool_reference} in the conversation names them; server tools are dropped unless the upstream has
 * a search of its own; names are aliased where the upstream's limit requires it.
 */
final class ToolTranslator {

    private final Capabilities capabilities;
    private final ToolNames toolNames;
    private final List<String> notes;

    ToolTranslator(Capabilities capabilities, ToolNames toolNames, List<String> notes) {
        this.capabilities = capabilities;
        this.toolNames = toolNames;
        this.notes = notes;
    }

    /** Writes {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} into the request. */
    void write(List<Tool> tools, ToolChoice choice, List<Message> messages, JsonObjectBuilder request) {
        Set<String> referenced = referencedTools(messages);
        JsonArrayBuilder functions = JSON.createArrayBuilder();
        Set<String> sent = new HashSet<>();
        boolean webSearch = false;
        for (Tool tool : tools) {
            switch (tool) {
                case Tool.Custom custom when custom.deferLoading() && !referenced.contains(custom.name()) -> {
                }
                case Tool.Custom custom -> {
                    if (sent.add(custom.name())) {
                        functions.add(function(custom));
                    }
                }
                case Tool.Server server when server.type().startsWith("web_search")
                        && capabilities.supports(Feature.WEB_SEARCH) -> webSearch = true;
                case Tool.Server server -> notes.add("dropped server tool " + server.name() + " (" + server.type()
                        + "): the upstream cannot run it");
            }
        }
        if (webSearch) {
            request.add("web_search_options", JsonValue.EMPTY_JSON_OBJECT);
        }
        if (sent.isEmpty()) {
            return;
        }
        request.add("tools", functions);
        if (choice != null && capabilities.supports(Feature.TOOL_CHOICE)) {
            JsonValue mapped = toolChoice(choice, sent);
            if (mapped != null) {
                request.add("tool_choice", mapped);
            }
        }
        if (choice != null && choice.disableParallelToolUse() && !(choice instanceof ToolChoice.None)
                && capabilities.supports(Feature.PARALLEL_TOOL_CALLS)) {
            request.add("parallel_tool_calls", false);
        }
    }

    private JsonObject function(Tool.Custom tool) {
        JsonObjectBuilder function = JSON.createObjectBuilder().add("name", toolNames.alias(tool.name()));
        if (tool.description() != null && !tool.description().isEmpty()) {
            function.add("description", tool.description());
        }
        function.add("parameters", parameters(tool.inputSchema()));
        return JSON.createObjectBuilder().add("type", "function").add("function", function).build();
    }

    /** OpenAI wants an object schema; Anthropic's always is one, but an empty schema may omit the type. */
    private static JsonObject parameters(JsonObject schema) {
        if (schema.containsKey("type")) {
            return schema;
        }
        JsonObjectBuilder typed = JSON.createObjectBuilder(schema).add("type", "object");
        if (!schema.containsKey("properties")) {
            typed.add("properties", JsonValue.EMPTY_JSON_OBJECT);
        }
        return typed.build();
    }

    private JsonValue toolChoice(ToolChoice choice, Set<String> sent) {
        return switch (choice) {
            case ToolChoice.Auto auto -> JsonFactories.string("auto");
            case ToolChoice.Any any -> JsonFactories.string("required");
            case ToolChoice.None none -> JsonFactories.string("none");
            case ToolChoice.Named named when sent.contains(named.name()) -> JSON.createObjectBuilder()
                    .add("type", "function")
                    .add("function", JSON.createObjectBuilder().add("name", toolNames.alias(named.name())))
                    .build();
            case ToolChoice.Named named -> {
                notes.add("tool_choice names " + named.name() + ", which is not among the tools; sent as required");
                yield JsonFactories.string("required");
            }
        };
    }

    private static Set<String> referencedTools(List<Message> messages) {
        Set<String> names = new HashSet<>();
        for (Message message : messages) {
            for (ContentBlock block : message.content()) {
                collectReferences(block, names);
            }
        }
        return names;
    }

    private static void collectReferences(ContentBlock block, Set<String> names) {
        if (block instanceof ContentBlock.ToolReference reference) {
            names.add(reference.toolName());
        } else if (block instanceof ContentBlock.ToolResult result) {
            for (ContentBlock inner : result.content()) {
                collectReferences(inner, names);
            }
        }
    }
}
