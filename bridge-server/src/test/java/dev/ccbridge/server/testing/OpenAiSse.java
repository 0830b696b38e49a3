package dev.ccbridge.server.testing;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes OpenAI chat/completions SSE bodies for the upstream stub, one chunk per call, shaped like OpenAI's own
 * stream ({@code id}, {@code object}, {@code model}, one choice), so a test states only what matters to it:
 * <pre>{@code
 * UpstreamStub.sse(OpenAiSse.stream().text("Hel").text("lo").finish("stop").usage(12, 2).done())
 * }</pre>
 */
public final class OpenAiSse {

    private static final String ID = "chatcmpl-test";
    private static final String MODEL = "gpt-test";

    private final List<String> events = new ArrayList<>();

    private OpenAiSse() {
    }

    /**
     * @return a stream that begins with the usual {@code role: assistant} chunk
     */
    public static OpenAiSse stream() {
        OpenAiSse sse = new OpenAiSse();
        return sse.delta(JsonFactories.BUILDERS.createObjectBuilder().add("role", "assistant").add("content", ""));
    }

    /**
     * @return more chunks of a stream already begun: no {@code role} chunk, for a stub reply split into pieces
     */
    public static OpenAiSse continued() {
        return new OpenAiSse();
    }

    /**
     * @param text answer text
     * @return this stream
     */
    public OpenAiSse text(String text) {
        return delta(JsonFactories.BUILDERS.createObjectBuilder().add("content", text));
    }

    /**
     * @param text reasoning text in DeepSeek's {@code reasoning_content} field
     * @return this stream
     */
    public OpenAiSse reasoning(String text) {
        return delta(JsonFactories.BUILDERS.createObjectBuilder().add("reasoning_content", text));
    }

    /**
     * The first piece of a tool call: id, name and the start of its arguments.
     *
     * @param index     the tool call's index
     * @param id        its id
     * @param name      the function name
     * @param arguments the first arguments text, possibly empty
     * @return this stream
     */
    public OpenAiSse toolCall(int index, String id, String name, String arguments) {
        JsonObject call = JsonFactories.BUILDERS.createObjectBuilder()
                .add("index", index).add("id", id).add("type", "function")
                .add("function", JsonFactories.BUILDERS.createObjectBuilder().add("name", name)
                        .add("arguments", arguments))
                .build();
        return delta(JsonFactories.BUILDERS.createObjectBuilder()
                .add("tool_calls", JsonFactories.BUILDERS.createArrayBuilder().add(call)));
    }

    /**
     * @param index     the tool call's index
     * @param arguments more of its arguments text
     * @return this stream
     */
    public OpenAiSse toolArguments(int index, String arguments) {
        JsonObject call = JsonFactories.BUILDERS.createObjectBuilder()
                .add("index", index)
                .add("function", JsonFactories.BUILDERS.createObjectBuilder().add("arguments", arguments))
                .build();
        return delta(JsonFactories.BUILDERS.createObjectBuilder()
                .add("tool_calls", JsonFactories.BUILDERS.createArrayBuilder().add(call)));
    }

    /**
     * @param reason the finish reason, e.g. {@code stop} or {@code tool_calls}
     * @return this stream
     */
    public OpenAiSse finish(String reason) {
        return chunk(JsonFactories.BUILDERS.createObjectBuilder()
                .add("index", 0)
                .add("delta", JsonFactories.BUILDERS.createObjectBuilder())
                .add("finish_reason", reason), null);
    }

    /**
     * The usage chunk that {@code stream_options.include_usage} adds: no choices.
     *
     * @param prompt     prompt tokens
     * @param completion completion tokens
     * @return this stream
     */
    public OpenAiSse usage(int prompt, int completion) {
        return chunk(null, JsonFactories.BUILDERS.createObjectBuilder()
                .add("prompt_tokens", prompt)
                .add("completion_tokens", completion)
                .add("total_tokens", prompt + completion)
                .build());
    }

    /**
     * An error object inside the stream, as OpenAI and OpenRouter send it.
     *
     * @param type    the error type
     * @param message the message
     * @return this stream
     */
    public OpenAiSse error(String type, String message) {
        return raw("{\"error\":{\"message\":" + JsonFactories.string(message) + ",\"type\":"
                + JsonFactories.string(type) + ",\"param\":null,\"code\":null}}");
    }

    /**
     * @param json any data line's JSON
     * @return this stream
     */
    public OpenAiSse raw(String json) {
        events.add("data: " + json + "\n\n");
        return this;
    }

    /**
     * @return the SSE body ending with {@code data: [DONE]}
     */
    public String done() {
        return String.join("", events) + "data: [DONE]\n\n";
    }

    /**
     * @return the SSE body without {@code [DONE]} (a stream cut short, or one ending in an error)
     */
    public String withoutDone() {
        return String.join("", events);
    }

    private OpenAiSse delta(JsonObjectBuilder delta) {
        return chunk(JsonFactories.BUILDERS.createObjectBuilder()
                .add("index", 0)
                .add("delta", delta)
                .addNull("finish_reason"), null);
    }

    private OpenAiSse chunk(JsonObjectBuilder choice, JsonObject usage) {
        JsonObjectBuilder chunk = JsonFactories.BUILDERS.createObjectBuilder()
                .add("id", ID)
                .add("object", "chat.completion.chunk")
                .add("created", 1767225600)
                .add("model", MODEL);
        if (choice == null) {
            chunk.add("choices", JsonFactories.BUILDERS.createArrayBuilder());
        } else {
            chunk.add("choices", JsonFactories.BUILDERS.createArrayBuilder().add(choice));
        }
        if (usage != null) {
            chunk.add("usage", usage);
        }
        return raw(chunk.build().toString());
    }
}
