package dev.ccbridge.upstream.openai.quirks;

import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.ChatRequestSchema;
import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.upstream.openai.GenericOpenAiAdapter;

import jakarta.json.JsonObject;

import java.util.Map;

/** Requests prepared by a real adapter of one profile, checked against OpenAI's request schema. */
final class Requests {

    private Requests() {
    }

    /**
     * @param profile      the profile
     * @param singleQuoted the translated request body, {@code '} for {@code "}
     * @return the body as prepared for that profile's upstream
     */
    static JsonObject prepared(String profile, String singleQuoted) {
        GenericOpenAiAdapter adapter = new GenericOpenAiAdapter(new AdapterSettings("test",
                Map.of("profile", profile, "api-key", "sk-test-quirks")));
        JsonObject body = JsonText.object(singleQuoted);
        OutboundRequest request = new OutboundRequest(adapter.chatCompletionsUri(body.getString("model")), body,
                "req_1", null, Map.of());
        adapter.prepare(request);
        ChatRequestSchema.check(request.body());
        return request.body();
    }
}
