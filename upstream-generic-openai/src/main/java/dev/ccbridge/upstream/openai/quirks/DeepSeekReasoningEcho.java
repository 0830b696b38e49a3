package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.RequestQuirk;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * DeepSeek's thinking mode rejects a turn whose earlier tool-calling assistant messages lack their reasoning:
 * "The reasoning_content in the thinking mode must be passed back to the API." (400). The engine sends back the
 * reasoning DeepSeek produced; history that came from elsewhere (another upstream, a resumed session) has none,
 * so such messages get an empty {@code reasoning_content}, which DeepSeek accepts.
 *
 * <p>Gate: the {@code deepseek} profile, and only assistant messages with {@code tool_calls} and no reasoning.
 * See https://api-docs.deepseek.com/guides/thinking_mode.
 */
public final class DeepSeekReasoningEcho implements RequestQuirk {

    @Override
    public String name() {
        return "deepseek-reasoning-echo";
    }

    @Override
    public void apply(OutboundRequest request) {
        JsonArray messages = request.body().getJsonArray("messages");
        JsonArrayBuilder out = Json.createArrayBuilder();
        boolean changed = false;
        for (JsonValue value : messages) {
            if (value instanceof JsonObject message && message.containsKey("tool_calls")
                    && "assistant".equals(message.getString("role", "")) && !message.containsKey("reasoning_content")) {
                out.add(Json.createObjectBuilder(message).add("reasoning_content", ""));
                changed = true;
            } else {
                out.add(value);
            }
        }
        if (changed) {
            request.body(Json.createObjectBuilder(request.body()).add("messages", out).build());
        }
    }
}
