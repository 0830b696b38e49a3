package dev.ccbridge.server.translate;

import dev.ccbridge.server.json.JoinedString;
import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Puts tool results where OpenAI-style upstreams demand them: every assistant message with {@code tool_calls} is
 * followed directly by one tool message per call, in the calls' order. Otherwise upstreams answer 400 ("messages
 * with role 'tool' must be a response to a preceding message with 'tool_calls'", "An assistant message with
 * 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'").
 *
 * <ul>
 *   <li>A result that arrives later than the next turn (Claude Code can put a system message in between) is moved
 *       up to its call.</li>
 *   <li>A call without a result (an interrupted turn, or history cut by compaction) gets a placeholder result.</li>
 *   <li>A result without a call becomes user text, so nothing the model needs is lost.</li>
 * </ul>
 */
final class ToolCallPairing {

    static final String MISSING_RESULT = "[no result: this tool call was not answered]";

    private ToolCallPairing() {
    }

    static List<ChatMessage> pair(List<ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size() + 4);
        Set<Integer> consumed = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            if (consumed.contains(i)) {
                continue;
            }
            ChatMessage message = messages.get(i);
            if (message instanceof ChatMessage.ToolResult orphan) {
                out.add(orphanAsUserText(orphan));
                continue;
            }
            out.add(message);
            if (message instanceof ChatMessage.Assistant assistant && !assistant.toolCalls().isEmpty()) {
                Map<String, ChatMessage.ToolResult> results = new LinkedHashMap<>();
                for (ChatMessage.ToolCall call : assistant.toolCalls()) {
                    results.put(call.id(), null);
                }
                for (int j = i + 1; j < messages.size() && !(messages.get(j) instanceof ChatMessage.Assistant); j++) {
                    if (messages.get(j) instanceof ChatMessage.ToolResult result
                            && results.containsKey(result.toolCallId()) && results.get(result.toolCallId()) == null) {
                        results.put(result.toolCallId(), result);
                        consumed.add(j);
                    }
                }
                results.forEach((id, result) ->
                        out.add(result != null ? result : new ChatMessage.ToolResult(id,
                                JsonFactories.string(MISSING_RESULT))));
            }
        }
        return out;
    }

    private static ChatMessage orphanAsUserText(ChatMessage.ToolResult orphan) {
        JsonString text = new JoinedString.Builder().append("[result of tool call " + orphan.toolCallId() + "]\n")
                .append(orphan.text()).build();
        return new ChatMessage.User(List.of(ContentParts.text(text)));
    }
}
