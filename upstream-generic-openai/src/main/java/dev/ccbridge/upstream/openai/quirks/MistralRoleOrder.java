package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.RequestQuirk;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Mistral (and vLLM serving Mistral's chat template) rejects a user or system message right after tool results:
 * "Unexpected role 'user' after role 'tool'". Claude Code sends exactly that whenever a tool result comes with
 * text (ToolSearch's "Tool loaded.", images from Read, the compaction instruction). A short assistant message
 * between them restores the order Mistral accepts without changing what the model is told.
 *
 * <p>Gate: the {@code mistral} profile, and only a tool message followed by a user or system message.
 */
public final class MistralRoleOrder implements RequestQuirk {

    /** The bridging assistant turn. */
    static final String BRIDGE_TEXT = "Noted.";

    @Override
    public String name() {
        return "mistral-role-order";
    }

    @Override
    public void apply(OutboundRequest request) {
        JsonArray messages = request.body().getJsonArray("messages");
        JsonArrayBuilder out = Json.createArrayBuilder();
        boolean changed = false;
        String previous = "";
        for (JsonValue value : messages) {
            String role = value instanceof JsonObject m ? m.getString("role", "") : "";
            if (previous.equals("tool") && (role.equals("user") || role.equals("system"))) {
                out.add(Json.createObjectBuilder().add("role", "assistant").add("content", BRIDGE_TEXT));
                changed = true;
            }
            out.add(value);
            previous = role;
        }
        if (changed) {
            request.body(Json.createObjectBuilder(request.body()).add("messages", out).build());
        }
    }
}
