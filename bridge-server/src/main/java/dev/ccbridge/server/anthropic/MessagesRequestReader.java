package dev.ccbridge.server.anthropic;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ccbridge.server.anthropic.JsonFields.asObject;
import static dev.ccbridge.server.anthropic.JsonFields.optionalArray;
import static dev.ccbridge.server.anthropic.JsonFields.optionalBoolean;
import static dev.ccbridge.server.anthropic.JsonFields.optionalInt;
import static dev.ccbridge.server.anthropic.JsonFields.optionalNumber;
import static dev.ccbridge.server.anthropic.JsonFields.optionalObject;
import static dev.ccbridge.server.anthropic.JsonFields.optionalString;
import static dev.ccbridge.server.anthropic.JsonFields.path;
import static dev.ccbridge.server.anthropic.JsonFields.present;
import static dev.ccbridge.server.anthropic.JsonFields.requireObject;
import static dev.ccbridge.server.anthropic.JsonFields.requireString;

/**
 * Reads a Messages request body into {@link MessagesRequest}. Tolerant of what it does not know (new top-level
 * fields, block types, tool types) and strict about the shape of what it maps: a wrong type fails with
 * {@link InvalidRequestException} naming the field.
 */
public final class MessagesRequestReader {

    private static final Set<String> MAPPED_FIELDS = Set.of("model", "max_tokens", "system", "messages", "tools",
            "tool_choice", "thinking", "output_config", "stop_sequences", "temperature", "top_p", "top_k", "stream",
            "metadata");

    private MessagesRequestReader() {
    }

    /**
     * @param body             the parsed request body
     * @param defaultMaxTokens the output limit when the request names none
     * @return the request
     * @throws InvalidRequestException when a mapped field has the wrong shape
     */
    public static MessagesRequest read(JsonValue body, int defaultMaxTokens) {
        JsonObject root = asObject(body, "");
        String model = requireString(root, "model", "");
        if (model.isBlank()) {
            throw new InvalidRequestException("model", "must not be empty");
        }
        Integer maxTokens = optionalInt(root, "max_tokens", "");
        if (maxTokens != null && maxTokens < 0) {
            throw new InvalidRequestException("max_tokens", "must be greater than or equal to 0");
        }
        List<Message> messages = readMessages(root);
        List<ContentBlock.Text> system = readSystem(root.get("system"));
        List<Tool> tools = readTools(root);
        ToolChoice toolChoice = readToolChoice(optionalObject(root, "tool_choice", ""));
        ThinkingConfig thinking = readThinking(optionalObject(root, "thinking", ""));
        JsonObject outputConfig = optionalObject(root, "output_config", "");
        String effort = outputConfig == null ? null : optionalString(outputConfig, "effort", "output_config");
        JsonObject format = outputConfig == null ? null : optionalObject(outputConfig, "format", "output_config");
        JsonObject metadata = optionalObject(root, "metadata", "");
        String userId = metadata == null ? null : optionalString(metadata, "user_id", "metadata");
        List<String> ignored = new ArrayList<>();
        for (String key : root.keySet()) {
            if (!MAPPED_FIELDS.contains(key)) {
                ignored.add(key);
            }
        }
        // Anthropic's ranges, inside OpenAI's (temperature 0-2, top_p 0-1): refused as Anthropic refuses them,
        // rather than sent on to an upstream 400, or as 1e400, which is no number JSON can carry.
        Double temperature = optionalNumber(root, "temperature", "", 0, 1);
        Double topP = optionalNumber(root, "top_p", "", 0, 1);
        return new MessagesRequest(model,
                maxTokens == null ? defaultMaxTokens : maxTokens,
                system,
                messages,
                tools,
                toolChoice,
                thinking,
                effort,
                format,
                readStopSequences(root),
                temperature,
                topP,
                optionalInt(root, "top_k", ""),
                optionalBoolean(root, "stream", "", false),
                userId,
                List.copyOf(ignored));
    }

    private static List<Message> readMessages(JsonObject root) {
        JsonArray array = optionalArray(root, "messages", "");
        if (array == null) {
            throw new InvalidRequestException("messages", "Field required");
        }
        if (array.isEmpty()) {
            throw new InvalidRequestException("messages", "at least one message is required");
        }
        List<Message> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = path("messages", i);
            JsonObject message = asObject(array.get(i), at);
            String role = requireString(message, "role", at);
            Role parsed = switch (role) {
                case "user" -> Role.USER;
                case "assistant" -> Role.ASSISTANT;
                case "system" -> Role.SYSTEM;
                default -> throw new InvalidRequestException(path(at, "role"),
                        "must be one of user, assistant, system; got '" + role + "'");
            };
            JsonValue content = message.get("content");
            if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
                throw new InvalidRequestException(path(at, "content"), "Field required");
            }
            messages.add(new Message(parsed, readContent(content, path(at, "content"))));
        }
        return List.copyOf(messages);
    }

    private static List<ContentBlock> readContent(JsonValue content, String at) {
        if (content instanceof JsonString s) {
            return List.of(new ContentBlock.Text(s.getString()));
        }
        if (!(content instanceof JsonArray blocks)) {
            throw new InvalidRequestException(at, "must be a string or an array of content blocks");
        }
        List<ContentBlock> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            out.add(readBlock(asObject(blocks.get(i), path(at, i)), path(at, i)));
        }
        return out;
    }

    private static ContentBlock readBlock(JsonObject block, String at) {
        String type = requireString(block, "type", at);
        return switch (type) {
            case "text" -> new ContentBlock.Text(requireString(block, "text", at));
            case "image" -> new ContentBlock.Image(readSource(requireObject(block, "source", at), path(at, "source")));
            case "document" -> new ContentBlock.Document(
                    readSource(requireObject(block, "source", at), path(at, "source")),
                    optionalString(block, "title", at),
                    optionalString(block, "context", at));
            case "tool_use" -> new ContentBlock.ToolUse(
                    requireString(block, "id", at),
                    requireString(block, "name", at),
                    present(block, "input")
                            ? asObject(block.get("input"), path(at, "input"))
                            : JsonValue.EMPTY_JSON_OBJECT);
            case "tool_result" -> new ContentBlock.ToolResult(
                    requireString(block, "tool_use_id", at),
                    present(block, "content") ? readContent(block.get("content"), path(at, "content")) : List.of(),
                    optionalBoolean(block, "is_error", at, false));
            case "thinking" -> new ContentBlock.Thinking(
                    requireString(block, "thinking", at),
                    optionalString(block, "signature", at));
            case "redacted_thinking" -> new ContentBlock.RedactedThinking();
            case "tool_reference" -> new ContentBlock.ToolReference(requireString(block, "tool_name", at));
            default -> new ContentBlock.Unknown(type, block);
        };
    }

    private static MediaSource readSource(JsonObject source, String at) {
        String type = requireString(source, "type", at);
        return switch (type) {
            case "base64" -> new MediaSource.Base64(
                    requireString(source, "media_type", at),
                    requireString(source, "data", at));
            case "url" -> new MediaSource.Url(requireString(source, "url", at));
            case "text" -> new MediaSource.PlainText(requireString(source, "data", at));
            case "content" -> {
                JsonValue content = source.get("content");
                if (content == null || content.getValueType() == JsonValue.ValueType.NULL) {
                    throw new InvalidRequestException(path(at, "content"), "Field required");
                }
                yield new MediaSource.Blocks(readContent(content, path(at, "content")));
            }
            default -> new MediaSource.Unknown(type);
        };
    }

    private static List<ContentBlock.Text> readSystem(JsonValue system) {
        if (system == null || system.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (system instanceof JsonString s) {
            return List.of(new ContentBlock.Text(s.getString()));
        }
        if (!(system instanceof JsonArray blocks)) {
            throw new InvalidRequestException("system", "must be a string or an array of text blocks");
        }
        List<ContentBlock.Text> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            String at = path("system", i);
            JsonObject block = asObject(blocks.get(i), at);
            if ("text".equals(requireString(block, "type", at))) {
                out.add(new ContentBlock.Text(requireString(block, "text", at)));
            }
        }
        return List.copyOf(out);
    }

    private static List<Tool> readTools(JsonObject root) {
        JsonArray array = optionalArray(root, "tools", "");
        if (array == null) {
            return List.of();
        }
        List<Tool> tools = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = path("tools", i);
            JsonObject tool = asObject(array.get(i), at);
            String type = optionalString(tool, "type", at);
            String name = requireString(tool, "name", at);
            if (type != null && !type.equals("custom") && !present(tool, "input_schema")) {
                tools.add(new Tool.Server(type, name));
                continue;
            }
            JsonObject schema = present(tool, "input_schema")
                    ? asObject(tool.get("input_schema"), path(at, "input_schema"))
                    : JsonValue.EMPTY_JSON_OBJECT;
            tools.add(new Tool.Custom(name,
                    optionalString(tool, "description", at),
                    schema,
                    optionalBoolean(tool, "defer_loading", at, false)));
        }
        return List.copyOf(tools);
    }

    private static ToolChoice readToolChoice(JsonObject choice) {
        if (choice == null) {
            return null;
        }
        String type = requireString(choice, "type", "tool_choice");
        boolean single = optionalBoolean(choice, "disable_parallel_tool_use", "tool_choice", false);
        return switch (type) {
            case "auto" -> new ToolChoice.Auto(single);
            case "any" -> new ToolChoice.Any(single);
            case "tool" -> new ToolChoice.Named(requireString(choice, "name", "tool_choice"), single);
            case "none" -> new ToolChoice.None();
            default -> null;
        };
    }

    private static ThinkingConfig readThinking(JsonObject thinking) {
        if (thinking == null) {
            return null;
        }
        String type = requireString(thinking, "type", "thinking");
        return switch (type) {
            case "enabled" -> {
                Integer budget = optionalInt(thinking, "budget_tokens", "thinking");
                yield new ThinkingConfig.Enabled(budget == null ? 0 : budget);
            }
            case "adaptive" -> new ThinkingConfig.Adaptive();
            case "disabled" -> new ThinkingConfig.Disabled();
            default -> null;
        };
    }

    private static List<String> readStopSequences(JsonObject root) {
        JsonArray array = optionalArray(root, "stop_sequences", "");
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString s)) {
                throw new InvalidRequestException(path("stop_sequences", i), "must be a string");
            }
            out.add(s.getString());
        }
        return List.copyOf(out);
    }
}
