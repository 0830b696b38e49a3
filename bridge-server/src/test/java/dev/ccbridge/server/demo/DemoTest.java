package dev.ccbridge.server.demo;

import dev.ccbridge.server.config.CommandLine;
import dev.ccbridge.server.scripted.ScriptedUpstream;
import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.RunningBridge;
import dev.ccbridge.server.testing.SseEvent;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --demo} through a real bridge: the startup summary says it is the demo and prints the lines to paste; a
 * Claude Code-shaped turn gets a short text and a read-only Bash {@code ls} call, the tool's output gets a summary
 * that quotes it, and Claude Code's side requests (the session title, a one-token quota check) get short answers.
 * Every client stream follows the Anthropic grammar and every upstream request the OpenAI schema.
 */
class DemoTest {

    private static final String SYSTEM = """
            [{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.329.a19; cc_entrypoint=sdk-cli;"},
             {"type":"text","text":"You are a Claude agent, built on Anthropic's Claude Agent SDK.",
              "cache_control":{"type":"ephemeral"}}]""";
    private static final String TOOLS = """
            [{"name":"Bash","description":"Executes a bash command",
              "input_schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                "properties":{"command":{"type":"string"},"description":{"type":"string"}},
                "required":["command"],"additionalProperties":false}}]""";
    private static final String ENVIRONMENT = """
            {"role":"system","content":"# Environment\\nPrimary working directory: /work/demo\\nPlatform: linux"}""";

    private static ScriptedUpstream upstream;
    private static RunningBridge bridge;

    @BeforeAll
    static void start() {
        upstream = Demo.startUpstream();
        bridge = RunningBridge.start(Demo.config(Map.of("PORT", "0", "BRIDGE_PLUGINS_DIR", "target/no-plugins"),
                upstream.baseUrl()));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    @Test
    void theCommandLineOptionTurnsTheDemoOn() {
        assertEquals("true", CommandLine.parse(new String[]{"--demo", "--port", "9999"}).options()
                .get(CommandLine.DEMO));
        assertTrue(CommandLine.USAGE.contains("--demo"), CommandLine.USAGE);
    }

    @Test
    void theSummarySaysItIsTheDemoAndPrintsTheLinesToPaste() {
        String summary = bridge.summary();

        assertTrue(summary.contains("(DEMO: a built-in script answers, no model, no key, no network)"), summary);
        assertTrue(summary.contains("upstream demo: generic-openai -> " + upstream.baseUrl() + "/chat/completions"),
                summary);
        assertTrue(summary.contains("default model 'scripted-model' listed"), summary);
        assertTrue(summary.contains("""
                  export ANTHROPIC_BASE_URL=%s
                  export ANTHROPIC_AUTH_TOKEN=ccbridge-demo
                  export ANTHROPIC_API_KEY=""
                """.formatted(bridge.baseUrl())), summary);
        assertTrue(bridge.summary().startsWith("ccbridge ") && bridge.baseUrl().startsWith("http://127.0.0.1:"));
    }

    @Test
    void aPromptGetsATextAndAReadOnlyToolCallAndTheResultASummaryQuotingIt() {
        HttpResponse<String> first = bridge.post("/v1/messages?beta=true", request(
                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is in this folder?\"}]},"
                        + ENVIRONMENT, TOOLS, true), "authorization", "Bearer ccbridge-demo");

        assertEquals(200, first.statusCode(), first.body());
        List<SseEvent> events = SseEvent.parse(first.body());
        AnthropicStreamGrammar.check(events);
        assertTrue(text(events).startsWith("Hello from the ccbridge demo."), text(events));
        SseEvent toolStart = events.stream().filter(e -> e.type().equals("content_block_start")
                && e.data().getJsonObject("content_block").getString("type").equals("tool_use")).findFirst()
                .orElseThrow(() -> new AssertionError("no tool_use block: " + first.body()));
        String toolId = toolStart.data().getJsonObject("content_block").getString("id");
        assertEquals("Bash", toolStart.data().getJsonObject("content_block").getString("name"));
        assertEquals(Json.q("{'command':'ls','description':'List the files in the working directory'}"),
                Json.parseObject(toolInput(events)));
        assertEquals("tool_use", stopReason(events));

        HttpResponse<String> second = bridge.post("/v1/messages?beta=true", request(
                "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is in this folder?\"}]},"
                        + ENVIRONMENT + ","
                        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + toolId
                        + "\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}]},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + toolId
                        + "\",\"content\":\"README.md\\nhello.py\",\"is_error\":false}]}", TOOLS, true));

        assertEquals(200, second.statusCode(), second.body());
        List<SseEvent> summary = SseEvent.parse(second.body());
        AnthropicStreamGrammar.check(summary);
        assertTrue(text(summary).contains("```\nREADME.md\nhello.py\n```"), text(summary));
        assertTrue(text(summary).contains("restart the bridge without --demo"), text(summary));
        assertEquals("end_turn", stopReason(summary));
        upstream.requests().forEach(OpenAiRequestSchema::check);
    }

    @Test
    void theTitleRequestGetsATitleInTheSchemaItAsksFor() {
        String title = """
                {"model":"claude-opus-5-5","max_tokens":32000,"stream":true,"tools":[],
                 "system":[{"type":"text","text":"You are naming a coding session."}],
                 "messages":[{"role":"user","content":"<session>what is in this folder?</session>"}],
                 "output_config":{"effort":"medium","format":{"type":"json_schema","schema":{"type":"object",
                   "properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}}}}""";

        HttpResponse<String> response = bridge.post("/v1/messages?beta=true", title);

        assertEquals(200, response.statusCode(), response.body());
        List<SseEvent> events = SseEvent.parse(response.body());
        AnthropicStreamGrammar.check(events);
        assertEquals("ccbridge demo", Json.parseObject(text(events)).getString("title"));
        OpenAiRequestSchema.check(upstream.requests().getLast());
    }

    @Test
    void aOneTokenQuotaCheckGetsAShortAnswer() {
        HttpResponse<String> response = bridge.post("/v1/messages?beta=true", """
                {"model":"claude-haiku-5-5","max_tokens":1,"messages":[{"role":"user","content":"quota"}]}""");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject message = Json.parseObject(response.body());
        assertEquals("message", message.getString("type"));
        assertTrue(message.getJsonArray("content").getJsonObject(0).getString("text")
                .startsWith("Hello from the ccbridge demo"), response.body());
        OpenAiRequestSchema.check(upstream.requests().getLast());
    }

    private static String request(String messages, String tools, boolean stream) {
        return "{\"model\":\"claude-opus-5-5\",\"max_tokens\":32000,\"stream\":" + stream + ",\"system\":" + SYSTEM
                + ",\"tools\":" + tools + ",\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":"
                + "\"medium\"},\"messages\":[" + messages + "]}";
    }

    private static String text(List<SseEvent> events) {
        return events.stream().filter(e -> e.type().equals("content_block_delta")
                        && e.data().getJsonObject("delta").getString("type").equals("text_delta"))
                .map(e -> e.data().getJsonObject("delta").getString("text")).collect(Collectors.joining());
    }

    private static String toolInput(List<SseEvent> events) {
        return events.stream().filter(e -> e.type().equals("content_block_delta")
                        && e.data().getJsonObject("delta").getString("type").equals("input_json_delta"))
                .map(e -> e.data().getJsonObject("delta").getString("partial_json")).collect(Collectors.joining());
    }

    private static String stopReason(List<SseEvent> events) {
        return events.stream().filter(e -> e.type().equals("message_delta")).findFirst().orElseThrow().data()
                .getJsonObject("delta").getString("stop_reason");
    }
}
