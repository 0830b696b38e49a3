package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.server.anthropic.ContentBlock;
import dev.ccbridge.server.anthropic.InvalidRequestException;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.json.JoinedString;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.List;

import static dev.ccbridge.server.translate.ContentParts.JSON;

/**
 * Translates an Anthropic Messages request into an OpenAI chat/completions request for one upstream model. The
 * outbound request is built from an allowlist: only fields the translation produces, and only those the
 * upstream's {@link Capabilities} accept.
 */
public final class RequestTranslator {

    /** Claude Code's first system block; it changes per request kind and defeats upstream prefix caching. */
    static final String BILLING_HEADER_PREFIX = "x-anthropic-billing-header:";

    private RequestTranslator() {
    }

    /**
     * @param request       the client's request
     * @param upstreamModel the model to ask upstream
     * @param capabilities  what that model accepts
     * @param upstreamName  the configured upstream's name (thinking signatures remember it)
     * @param sessionHeader Claude Code's {@code X-Claude-Code-Session-Id}, or {@code null}
     * @return the translation
     * @throws InvalidRequestException when nothing is left to send: no system prompt and only empty messages
     */
    public static Translation translate(MessagesRequest request, String upstreamModel, Capabilities capabilities,
                                        String upstreamName, String sessionHeader) {
        List<String> notes = new ArrayList<>();
        ToolNames toolNames = new ToolNames(capabilities.toolNameMaxLength());
        JsonObjectBuilder body = JSON.createObjectBuilder().add("model", upstreamModel);

        JsonArrayBuilder messages = JSON.createArrayBuilder();
        JoinedString.Builder system = systemText(request.system());
        if (!system.isEmpty()) {
            messages.add(JSON.createObjectBuilder().add("role", "system").add("content", system.build()));
        }
        List<ChatMessage> conversation =
                new MessageTranslator(capabilities, toolNames, upstreamName, notes).translate(request.messages());
        if (system.isEmpty() && conversation.isEmpty()) {
            throw new InvalidRequestException("messages", "every message is empty; at least one needs content");
        }
        ChatMessageWriter.write(conversation).build().forEach(messages::add);
        body.add("messages", messages);

        if (!request.tools().isEmpty()) {
            new ToolTranslator(capabilities, toolNames, notes)
                    .write(request.tools(), request.toolChoice(), request.messages(), body);
        }
        body.add(capabilities.tokenLimitField().field(), outputLimit(request.maxTokens(), capabilities, notes));
        samplingAndStops(request, capabilities, body, notes);
        reasoning(request, capabilities, body);
        outputFormat(request.outputFormat(), capabilities, body, notes);
        identity(request.userId(), sessionHeader, capabilities, body);
        if (request.stream()) {
            body.add("stream", true);
            if (capabilities.supports(Feature.STREAM_USAGE)) {
                body.add("stream_options", JSON.createObjectBuilder().add("include_usage", true));
            }
        }
        return new Translation(body.build(), toolNames, List.copyOf(notes));
    }

    private static JoinedString.Builder systemText(List<ContentBlock.Text> blocks) {
        JoinedString.Builder text = new JoinedString.Builder();
        for (ContentBlock.Text block : blocks) {
            if (block.text().isBlank() || block.text().startsWith(BILLING_HEADER_PREFIX)) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(block.text());
        }
        return text;
    }

    private static int outputLimit(int requested, Capabilities capabilities, List<String> notes) {
        int cap = capabilities.maxOutputTokens();
        if (cap > 0 && requested > cap) {
            notes.add("max_tokens " + requested + " clamped to " + cap + ", the model's output limit");
            return cap;
        }
        if (requested < 1) {
            notes.add("max_tokens " + requested + " raised to 1, the smallest value upstreams accept");
            return 1;
        }
        return requested;
    }

    private static void samplingAndStops(MessagesRequest request, Capabilities capabilities, JsonObjectBuilder body,
                                         List<String> notes) {
        if (request.temperature() != null || request.topP() != null) {
            if (capabilities.supports(Feature.SAMPLING)) {
                if (request.temperature() != null) {
                    body.add("temperature", request.temperature());
                }
                if (request.topP() != null) {
                    body.add("top_p", request.topP());
                }
            } else {
                notes.add("temperature and top_p dropped: the upstream does not accept them");
            }
        }
        if (request.topK() != null) {
            if (capabilities.supports(Feature.TOP_K)) {
                body.add("top_k", request.topK());
            } else {
                notes.add("top_k dropped: the upstream does not accept it");
            }
        }
        List<String> stops = request.stopSequences();
        if (stops.isEmpty()) {
            return;
        }
        if (!capabilities.supports(Feature.STOP_SEQUENCES)) {
            notes.add("stop_sequences dropped: the upstream does not accept stop");
            return;
        }
        int max = capabilities.maxStopSequences();
        if (max > 0 && stops.size() > max) {
            notes.add("stop_sequences cut from " + stops.size() + " to " + max + ", the upstream's limit");
            stops = stops.subList(0, max);
        }
        JsonArrayBuilder stop = JSON.createArrayBuilder();
        stops.forEach(stop::add);
        body.add("stop", stop);
    }

    private static void reasoning(MessagesRequest request, Capabilities capabilities, JsonObjectBuilder body) {
        String effort = ReasoningEffort.of(request.thinking(), request.effort());
        if (effort == null) {
            return;
        }
        boolean off = effort.equals(ReasoningEffort.NONE);
        switch (capabilities.reasoningDialect()) {
            case REASONING_EFFORT -> {
                if (!off) {
                    body.add("reasoning_effort", effort);
                }
            }
            case REASONING_OBJECT -> body.add("reasoning", off
                    ? JSON.createObjectBuilder().add("enabled", false)
                    : JSON.createObjectBuilder().add("effort", effort));
            case THINKING_TOGGLE -> body.add("thinking",
                    JSON.createObjectBuilder().add("type", off ? "disabled" : "enabled"));
            case NONE -> {
            }
        }
    }

    private static void outputFormat(JsonObject format, Capabilities capabilities, JsonObjectBuilder body,
                                     List<String> notes) {
        if (format == null || !"json_schema".equals(format.getString("type", ""))) {
            return;
        }
        if (!capabilities.supports(Feature.JSON_SCHEMA_OUTPUT)) {
            notes.add("output_config.format dropped: the upstream has no json_schema response format");
            return;
        }
        JsonObjectBuilder schema = JSON.createObjectBuilder().add("name", "output");
        if (format.containsKey("schema")) {
            schema.add("schema", format.get("schema"));
        }
        body.add("response_format", JSON.createObjectBuilder().add("type", "json_schema").add("json_schema", schema));
    }

    private static void identity(String userId, String sessionHeader, Capabilities capabilities,
                                 JsonObjectBuilder body) {
        if (userId != null && !userId.isBlank() && capabilities.supports(Feature.USER)) {
            body.add("user", CallerIdentity.user(userId));
        }
        if (capabilities.supports(Feature.PROMPT_CACHE_KEY)) {
            CallerIdentity.promptCacheKey(userId, sessionHeader).ifPresent(key -> body.add("prompt_cache_key", key));
        }
    }
}
