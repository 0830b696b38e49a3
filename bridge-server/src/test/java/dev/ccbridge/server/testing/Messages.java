package dev.ccbridge.server.testing;

import jakarta.json.JsonObject;

/** Small bodies for tests that are about where a request goes rather than what it says. */
public final class Messages {

    private Messages() {
    }

    /**
     * @param model  the client model
     * @param stream whether to ask for a stream
     * @return an Anthropic Messages request with one user turn
     */
    public static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello bridge\"}]}";
    }

    /**
     * @param text the answer
     * @return an OpenAI chat completion answering {@code text}
     */
    public static String completion(String text) {
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                + "\"total_tokens\":15}}";
    }

    /**
     * @param text the answer
     * @return an OpenAI stream answering {@code text}
     */
    public static String stream(String text) {
        return OpenAiSse.stream().text(text).finish("stop").usage(12, 3).done();
    }

    /**
     * @param text   the answer
     * @param stream whether the client asked for a stream
     * @return the stub reply answering {@code text} in the shape asked for
     */
    public static UpstreamStub.Reply answer(String text, boolean stream) {
        return stream ? UpstreamStub.sse(stream(text)) : UpstreamStub.json(200, completion(text));
    }

    /**
     * @param response a response to a Messages request, streamed or not
     * @return the text the client got, checked against the stream grammar when streamed
     */
    public static String text(TestBridge.Response response) {
        String type = response.header("content-type");
        if (type != null && type.startsWith("text/event-stream")) {
            AnthropicStreamGrammar.check(response.events());
            StringBuilder text = new StringBuilder();
            for (SseEvent event : response.events()) {
                if (event.type().equals("content_block_delta")
                        && event.data().getJsonObject("delta").getString("type").equals("text_delta")) {
                    text.append(event.data().getJsonObject("delta").getString("text"));
                }
            }
            return text.toString();
        }
        StringBuilder text = new StringBuilder();
        Json.parseObject(response.body()).getJsonArray("content").getValuesAs(JsonObject.class)
                .stream().filter(block -> block.getString("type").equals("text"))
                .forEach(block -> text.append(block.getString("text")));
        return text.toString();
    }
}
