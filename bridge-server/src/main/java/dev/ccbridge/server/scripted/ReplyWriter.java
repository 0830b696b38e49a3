package dev.ccbridge.server.scripted;


import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Writes a scripted reply in the OpenAI chat/completions format, as one body or as an SSE stream. */
final class ReplyWriter {

    private static final String MODEL = ScriptedUpstream.MODEL;
    /** Stands for Claude Code's working directory in tool arguments and reply text. */
    static final String CWD = "${cwd}";
    /** Stands for the latest tool result in reply text, so a reply can quote what a tool returned. */
    static final String TOOL_RESULT = "${toolResult}";
    private static final int MAX_QUOTED_CHARS = 2000;

    private final Reply reply;
    private final ChatRequestView request;
    private final String completionId;
    private final IntSupplier callIds;

    ReplyWriter(Reply reply, ChatRequestView request, String completionId, IntSupplier callIds) {
        this.reply = reply;
        this.request = request;
        this.completionId = completionId;
        this.callIds = callIds;
    }

    /**
     * The tool calls with their ids, the names the request uses for the tools, and {@code ${cwd}} in their
     * arguments replaced by Claude Code's working directory (tools such as Read want absolute paths).
     */
    List<ToolCall> resolvedCalls() {
        List<ToolCall> calls = new ArrayList<>();
        String cwd = request.workingDirectory();
        for (ToolCall call : reply.toolCalls()) {
            String name = request.toolName(call.name());
            JsonObject arguments = call.arguments();
            if (cwd != null && arguments.toString().contains(CWD)) {
                String quoted = Json.createValue(cwd).toString();
                try (JsonReader reader = Json.createReader(new StringReader(
                        arguments.toString().replace(CWD, quoted.substring(1, quoted.length() - 1))))) {
                    arguments = reader.readObject();
                }
            }
            calls.add(new ToolCall(call.id() != null ? call.id() : "call_" + callIds.getAsInt(),
                    name != null ? name : call.name(), arguments));
        }
        return calls;
    }

    /**
     * The reply text with {@code ${cwd}} replaced by Claude Code's working directory and {@code ${toolResult}} by
     * the latest tool result (shortened when long).
     */
    String resolvedText() {
        String text = reply.text();
        if (text == null) {
            return null;
        }
        String cwd = request.workingDirectory();
        if (cwd != null) {
            text = text.replace(CWD, cwd);
        }
        if (text.contains(TOOL_RESULT)) {
            String result = request.lastToolResult();
            result = result == null ? "" : result.strip();
            if (result.length() > MAX_QUOTED_CHARS) {
                result = result.substring(0, MAX_QUOTED_CHARS) + "\n...";
            }
            text = text.replace(TOOL_RESULT, result);
        }
        return text;
    }

    String finishReason(List<ToolCall> calls) {
        if (reply.finishReason() != null) {
            return reply.finishReason();
        }
        return calls.isEmpty() ? "stop" : "tool_calls";
    }

    JsonObject usage(List<ToolCall> calls) {
        int written = length(reply.reasoning()) + length(resolvedText());
        for (ToolCall call : calls) {
            written += call.name().length() + call.arguments().toString().length();
        }
        int prompt = reply.usage().getOrDefault("prompt_tokens", request.body().toString().length() / 4);
        int completion = reply.usage().getOrDefault("completion_tokens", Math.max(1, written / 4));
        int cached = reply.usage().getOrDefault("cached_tokens", 0);
        return Json.createObjectBuilder()
                .add("prompt_tokens", prompt)
                .add("completion_tokens", completion)
                .add("total_tokens", prompt + completion)
                .add("prompt_tokens_details", Json.createObjectBuilder().add("cached_tokens", cached))
                .build();
    }

    JsonObject completion() {
        List<ToolCall> calls = resolvedCalls();
        JsonObjectBuilder message = Json.createObjectBuilder().add("role", "assistant");
        String text = resolvedText();
        if (text != null) {
            message.add("content", text);
        } else {
            message.addNull("content");
        }
        if (reply.reasoning() != null) {
            message.add("reasoning_content", reply.reasoning());
        }
        if (!calls.isEmpty()) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            for (ToolCall call : calls) {
                array.add(Json.createObjectBuilder().add("id", call.id()).add("type", "function")
                        .add("function", Json.createObjectBuilder().add("name", call.name())
                                .add("arguments", call.arguments().toString())));
            }
            message.add("tool_calls", array);
        }
        return Json.createObjectBuilder()
                .add("id", completionId).add("object", "chat.completion").add("created", 1767225600)
                .add("model", MODEL)
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                        .add("message", message).add("finish_reason", finishReason(calls))))
                .add("usage", usage(calls))
                .build();
    }

    void stream(OutputStream out) throws IOException, InterruptedException {
        List<ToolCall> calls = resolvedCalls();
        event(out, chunk(Json.createObjectBuilder().add("role", "assistant").add("content", ""), null));
        for (String piece : pieces(reply.reasoning())) {
            event(out, chunk(Json.createObjectBuilder().add("reasoning_content", piece), null));
        }
        for (String piece : pieces(resolvedText())) {
            event(out, chunk(Json.createObjectBuilder().add("content", piece), null));
        }
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            event(out, chunk(Json.createObjectBuilder().add("tool_calls", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("index", i).add("id", call.id()).add("type", "function")
                            .add("function", Json.createObjectBuilder().add("name", call.name())
                                    .add("arguments", "")))), null));
            for (String piece : pieces(call.arguments().toString())) {
                event(out, chunk(Json.createObjectBuilder().add("tool_calls", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("index", i).add("function",
                                Json.createObjectBuilder().add("arguments", piece)))), null));
            }
        }
        if (reply.streamError() != null) {
            event(out, Json.createObjectBuilder().add("error", reply.streamError()).build());
            return;
        }
        event(out, chunk(Json.createObjectBuilder(), finishReason(calls)));
        if (request.includeUsage()) {
            event(out, Json.createObjectBuilder().add("id", completionId).add("object", "chat.completion.chunk")
                    .add("created", 1767225600).add("model", MODEL).add("choices", Json.createArrayBuilder())
                    .add("usage", usage(calls)).build());
        }
        write(out, "data: [DONE]\n\n");
    }

    private JsonObject chunk(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta);
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        return Json.createObjectBuilder().add("id", completionId).add("object", "chat.completion.chunk")
                .add("created", 1767225600).add("model", MODEL)
                .add("choices", Json.createArrayBuilder().add(choice)).build();
    }

    private void event(OutputStream out, JsonObject data) throws IOException, InterruptedException {
        write(out, "data: " + data + "\n\n");
        if (reply.delayMillis() > 0) {
            Thread.sleep(reply.delayMillis());
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private List<String> pieces(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int size = Math.max(1, reply.chunkChars());
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
