package dev.ccbridge.server.fuzz;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.server.anthropic.ContentBlock;
import dev.ccbridge.server.anthropic.InvalidRequestException;
import dev.ccbridge.server.anthropic.Message;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.anthropic.MessagesRequestReader;
import dev.ccbridge.server.anthropic.Tool;
import dev.ccbridge.server.anthropic.ToolChoice;
import dev.ccbridge.server.json.JsonBytes;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.tokens.TokenCounter;
import dev.ccbridge.server.translate.RequestTranslator;
import dev.ccbridge.server.translate.ToolCallSequence;
import dev.ccbridge.server.translate.ToolNames;
import dev.ccbridge.server.translate.Translation;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The messages route's request path without the socket: body bytes, strict UTF-8 and JSON-P as the route reads
 * them, {@link MessagesRequestReader}, {@link RequestTranslator} for an upstream, the local token count,
 * and the adapter's request quirks. Everything it produces is checked:
 * <ul>
 *   <li>the only exception a bad request may raise is {@link InvalidRequestException}, with a message;</li>
 *   <li>the outbound request keeps OpenAI's tool-call sequence rule ({@link ToolCallSequence}) and, when asked,
 *       validates against OpenAI's request schema;</li>
 *   <li>every tool name sent upstream (tools, tool_choice, history) matches {@code ^[a-zA-Z0-9_-]{1,64}$} within
 *       the upstream's limit, is sent once in {@code tools}, and maps back to the name the client used;</li>
 *   <li>the rules servers enforce beyond the schema hold (tool_choice only with tools, no empty message, the
 *       upstream's limits).</li>
 * </ul>
 */
final class RequestPipeline {

    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int DEFAULT_MAX_TOKENS = 4096;
    private static final TokenCounter TOKENS = new TokenCounter();

    private RequestPipeline() {
    }

    /**
     * Reads a body as the route does.
     *
     * @param bytes the body
     * @return its JSON, or {@code null} when the route would refuse it as empty, not UTF-8 or not JSON
     */
    static JsonValue parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JsonBytes.read(bytes);
        } catch (RuntimeException e) {
            // Not UTF-8, not JSON, nested too deep, a number JSON-P cannot hold: all a 400 on the route.
            return null;
        }
    }

    /**
     * @param body the parsed body
     * @return the request, or {@code null} when it was refused with a validation error
     */
    static MessagesRequest read(JsonValue body) {
        try {
            return MessagesRequestReader.read(body, DEFAULT_MAX_TOKENS);
        } catch (InvalidRequestException e) {
            requireMessage(e);
            return null;
        }
    }

    /**
     * Translates for one upstream and checks the result.
     *
     * @param request     a read request
     * @param upstream    one of {@link GenericUpstreams#UPSTREAMS}
     * @param checkSchema whether to validate against OpenAI's request schema too (slow)
     */
    static void translateAndCheck(MessagesRequest request, String upstream, boolean checkSchema) {
        UpstreamAdapter adapter = GenericUpstreams.adapter(upstream);
        Capabilities capabilities = adapter.capabilities(GenericUpstreams.MODEL);
        Translation translation;
        try {
            translation = RequestTranslator.translate(request, GenericUpstreams.MODEL, capabilities,
                    GenericUpstreams.NAME, "session-fuzz");
        } catch (InvalidRequestException e) {
            requireMessage(e);
            return;
        }
        JsonObject body = translation.body();
        ToolCallSequence.check(body);
        checkToolNames(request, translation, capabilities);
        TOKENS.countRequest(body);

        OutboundRequest outbound = new OutboundRequest(adapter.chatCompletionsUri(GenericUpstreams.MODEL), body,
                "req_fuzz", null, Map.of());
        adapter.prepare(outbound);
        try {
            ToolCallSequence.check(outbound.body());
            checkRules(outbound.body(), capabilities);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nupstream " + upstream + ", client request: " + request, e);
        }
        if (checkSchema) {
            OpenAiRequestSchema.check(outbound.body());
        }
    }

    /**
     * Rules OpenAI-compatible servers enforce that the schema does not express: {@code tool_choice} and
     * {@code parallel_tool_calls} only with tools, a named choice among them; no empty message; limits kept.
     */
    private static void checkRules(JsonObject body, Capabilities capabilities) {
        JsonArray tools = body.getJsonArray("tools");
        boolean hasTools = tools != null && !tools.isEmpty();
        if (!hasTools && (body.containsKey("tool_choice") || body.containsKey("parallel_tool_calls"))) {
            throw new AssertionError("tool_choice or parallel_tool_calls without tools: " + body);
        }
        if (body.get("tool_choice") instanceof JsonObject choice) {
            String name = choice.getJsonObject("function").getString("name");
            if (tools.stream().noneMatch(t -> t.asJsonObject().getJsonObject("function").getString("name")
                    .equals(name))) {
                throw new AssertionError("tool_choice names " + name + ", which is not among the tools");
            }
        }
        for (JsonValue value : body.getJsonArray("messages")) {
            JsonObject message = value.asJsonObject();
            JsonValue content = message.get("content");
            boolean empty = content == null || content.getValueType() == JsonValue.ValueType.NULL
                    || content instanceof JsonString s && s.getString().isEmpty()
                    || content instanceof JsonArray a && a.isEmpty();
            if (empty && !message.containsKey("tool_calls")) {
                throw new AssertionError("a message with nothing in it: " + message);
            }
        }
        int stops = body.get("stop") instanceof JsonArray stop ? stop.size() : 0;
        if (capabilities.maxStopSequences() > 0 && stops > capabilities.maxStopSequences()) {
            throw new AssertionError(stops + " stop sequences, over the upstream's " + capabilities.maxStopSequences());
        }
        int limit = body.getInt(capabilities.tokenLimitField().field(), -1);
        if (limit < 1 || capabilities.maxOutputTokens() > 0 && limit > capabilities.maxOutputTokens()) {
            throw new AssertionError("output limit " + limit + " outside 1.." + capabilities.maxOutputTokens());
        }
    }

    private static void checkToolNames(MessagesRequest request, Translation translation, Capabilities capabilities) {
        Set<String> clientNames = clientToolNames(request);
        int limit = Math.min(64, Math.max(capabilities.toolNameMaxLength(), 10));
        JsonObject body = translation.body();
        Set<String> declared = new HashSet<>();
        for (JsonValue tool : body.getJsonArray("tools") == null ? List.<JsonValue>of() : body.getJsonArray("tools")) {
            String name = tool.asJsonObject().getJsonObject("function").getString("name");
            checkName(name, "tools", limit, clientNames, translation.toolNames());
            if (!declared.add(name)) {
                throw new AssertionError("tool " + name + " is declared twice: " + body.getJsonArray("tools"));
            }
        }
        if (body.get("tool_choice") instanceof JsonObject choice) {
            checkName(choice.getJsonObject("function").getString("name"), "tool_choice", limit, clientNames,
                    translation.toolNames());
        }
        for (JsonValue message : body.getJsonArray("messages")) {
            if (message.asJsonObject().get("tool_calls") instanceof JsonArray calls) {
                for (JsonValue call : calls) {
                    checkName(call.asJsonObject().getJsonObject("function").getString("name"), "tool_calls", limit,
                            clientNames, translation.toolNames());
                }
            }
        }
    }

    private static void checkName(String sent, String where, int limit, Set<String> clientNames, ToolNames names) {
        if (sent.length() > limit || !TOOL_NAME.matcher(sent).matches()) {
            throw new AssertionError(where + ": tool name '" + sent + "' is not acceptable upstream (limit "
                    + limit + ")");
        }
        String original = names.original(sent);
        if (!clientNames.contains(original)) {
            throw new AssertionError(where + ": tool name '" + sent + "' maps back to '" + original
                    + "', which the client never used; client names: " + clientNames);
        }
        String again = new ToolNames(limit).alias(original);
        if (!again.equals(sent)) {
            throw new AssertionError(where + ": '" + original + "' was sent as '" + sent
                    + "' but aliases to '" + again + "' on the next request");
        }
    }

    private static Set<String> clientToolNames(MessagesRequest request) {
        Set<String> names = new HashSet<>();
        for (Tool tool : request.tools()) {
            names.add(tool.name());
        }
        if (request.toolChoice() instanceof ToolChoice.Named named) {
            names.add(named.name());
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.ToolUse use) {
                    names.add(use.name());
                }
            }
        }
        return names;
    }

    private static void requireMessage(InvalidRequestException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("a validation error without a message", e);
        }
    }
}
