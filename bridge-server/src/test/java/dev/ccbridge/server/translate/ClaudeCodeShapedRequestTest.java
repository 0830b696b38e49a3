package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.ReasoningDialect;
import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.anthropic.ResponseMessage;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.openai.ChunkDecoder;
import dev.ccbridge.server.openai.Completion;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.testing.Json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ccbridge.server.testing.Json.q;
import static dev.ccbridge.server.translate.RequestToolTranslationTest.MCP_NAME;
import static dev.ccbridge.server.translate.Translations.UPSTREAM;
import static dev.ccbridge.server.translate.Translations.UPSTREAM_MODEL;
import static dev.ccbridge.server.translate.Translations.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests shaped exactly like Claude Code 2.1.329's ({@code claude-code.md} section (b)): the system array with
 * the billing header, a mid-conversation {@code role:"system"} turn, tool search with deferred tools, a 71-character
 * MCP tool name, draft 2020-12 schemas, the JSON-string {@code metadata.user_id}, adaptive thinking with effort,
 * beta-only fields, and later turns with thinking echoed back, image tool results, parallel tool results and a
 * ToolSearch result. The translation is checked in detail, and the MCP alias is followed through an upstream
 * reply and back into the next request.
 */
class ClaudeCodeShapedRequestTest {

    private static final String SESSION = "3f6d2b9a-8c41-4e7f-a2d5-9b1c0e7f4a63";
    private static final String MAIN_PROMPT = "You are an interactive agent that helps users with software "
            + "engineering tasks. Use the instructions below and the tools available to you to assist the user.";
    private static final String IDENTITY = "You are a Claude agent, built on Anthropic's Claude Agent SDK.";
    private static final String REMINDER = "<system-reminder>\nAs you answer the user's questions, you can use the "
            + "following context:\n# claudeMd\nNo project instructions.\n</system-reminder>\n";
    private static final String PROMPT = "List the files here and take a screenshot of the open tab.";
    private static final String ENVIRONMENT = "# Environment\nWorking directory: /work/demo\nPlatform: linux\n"
            + "Deferred tools (load with ToolSearch): WebFetch, WebSearch\nToday's date: 2026-11-20";
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk";
    private static final String OWN_SIGNATURE = new ThinkingSignature(UPSTREAM, "reasoning_content").encode();

    /** An upstream like JoyToken's default model: 32k output cap, reasoning_effort, user and cache key. */
    private static final Capabilities UPSTREAM_CAPABILITIES = Capabilities.builder()
            .maxOutputTokens(32768)
            .contextWindow(200_000)
            .reasoningDialect(ReasoningDialect.REASONING_EFFORT)
            .with(Feature.USER)
            .with(Feature.PROMPT_CACHE_KEY)
            .build();

    private static final String SYSTEM = """
            [{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.329.a19; cc_entrypoint=sdk-cli;"},
             {"type":"text","text":"%s","cache_control":{"type":"ephemeral"}},
             {"type":"text","text":"%s","cache_control":{"type":"ephemeral"}}]"""
            .formatted(IDENTITY, MAIN_PROMPT);

    private static final String BASH_SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"command":{"type":"string","description":"The command to execute"},
              "timeout":{"type":"number","exclusiveMinimum":0,"maximum":600000},
              "description":{"type":"string"},"run_in_background":{"type":"boolean"}},
             "required":["command"],"additionalProperties":false}""";

    private static final String ASK_SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"answers":{"type":"object","propertyNames":{"type":"string"},
              "additionalProperties":{"type":"string"}},"question":{"type":"string","maxLength":500}},
             "required":["question"],"additionalProperties":false}""";

    private static final String MCP_SCHEMA = """
            {"type":"object","properties":{"tabId":{"type":"integer","minimum":0},
             "capturedAfter":{"anyOf":[{"type":"string","format":"date-time"},{"type":"null"}]},
             "regions":{"type":"array","items":{"type":"string"},"uniqueItems":true}},"required":["tabId"]}""";

    private static final String TOOLS = """
            [{"name":"Agent","description":"Launch a subagent.","input_schema":{"$schema":
               "https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"prompt":{"type":"string"}},
               "required":["prompt"],"additionalProperties":false}},
             {"name":"AskUserQuestion","description":"Ask the user.","input_schema":%s},
             {"name":"Bash","description":"Executes a bash command.","input_schema":%s},
             {"name":"Read","description":"Reads a file.","input_schema":{"$schema":
               "https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"file_path":{"type":"string"},
               "offset":{"type":"integer","minimum":0,"maximum":9007199254740991}},"required":["file_path"],
               "additionalProperties":false}},
             {"name":"ToolSearch","description":"Loads deferred tools.","input_schema":{"type":"object",
               "properties":{"query":{"type":"string"},"max_results":{"type":"number","default":5}},"required":["query"]}},
             {"name":"Workflow","description":"Runs a workflow.","input_schema":{"type":"object",
               "properties":{"name":{"type":"string"},"args":{"description":"Arguments of any type"}}}},
             {"name":"DeferredToolPlaceholder","description":"Placeholder.","input_schema":{"type":"object",
               "properties":{}},"defer_loading":true},
             {"name":"Write","description":"Writes a file.","input_schema":{"type":"object",
               "properties":{"file_path":{"type":"string"},"content":{"type":"string"}},"required":["file_path","content"]},
               "cache_control":{"type":"ephemeral"}},
             {"name":"%s","description":"Take a screenshot of a browser tab.","input_schema":%s}]"""
            .formatted(ASK_SCHEMA, BASH_SCHEMA, MCP_NAME, MCP_SCHEMA);

    private static final String WEB_FETCH = """
            {"name":"WebFetch","description":"Fetches a URL.","input_schema":{"type":"object",
             "properties":{"url":{"type":"string","format":"uri"},"prompt":{"type":"string"}},"required":["url","prompt"]},
             "defer_loading":true}""";

    private static final String FIRST_USER = """
            {"role":"user","content":[{"type":"text","text":%s},{"type":"text","text":"%s"}]}"""
            .formatted(quote(REMINDER), PROMPT);

    private static final String LATER_TURNS = """
            {"role":"assistant","content":[
              {"type":"thinking","thinking":"The user wants a listing and a screenshot; both can run at once.",
               "signature":"%1$s"},
              {"type":"text","text":"I'll list the files and take a screenshot."},
              {"type":"tool_use","id":"toolu_01","name":"Bash","input":{"command":"ls","description":"List files"}},
              {"type":"tool_use","id":"toolu_02","name":"%2$s","input":{"tabId":1}}]},
            {"role":"user","content":[
              {"type":"tool_result","tool_use_id":"toolu_01","content":"README.md\\nsrc\\n","is_error":false},
              {"type":"tool_result","tool_use_id":"toolu_02","content":[{"type":"text","text":"Screenshot captured"},
               {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%3$s"}}]}]},
            {"role":"assistant","content":[
              {"type":"thinking","thinking":"Open the saved copy too.","signature":"%1$s"},
              {"type":"tool_use","id":"toolu_03","name":"Read","input":{"file_path":"/work/demo/shot.png"}}]},
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_03","content":[
              {"type":"image","source":{"type":"base64","data":"%3$s","media_type":"image/png"}}]}]},
            {"role":"assistant","content":[
              {"type":"tool_use","id":"toolu_04","name":"ToolSearch","input":{"query":"select:WebFetch","max_results":5}}]},
            {"role":"user","content":[
              {"type":"tool_result","tool_use_id":"toolu_04","content":[{"type":"tool_reference","tool_name":"WebFetch"}]},
              {"type":"text","text":"Tool loaded.","cache_control":{"type":"ephemeral"}}]}"""
            .formatted(OWN_SIGNATURE, MCP_NAME, PNG);

    @Test
    void firstTurnTranslatesToAnAllowlistedRequest() {
        Translation translation = translate(firstTurn(), UPSTREAM_CAPABILITIES, SESSION);
        JsonObject body = translation.body();

        assertEquals(Set.of("model", "messages", "tools", "max_tokens", "reasoning_effort", "user",
                "prompt_cache_key", "stream", "stream_options"), body.keySet());
        assertEquals(UPSTREAM_MODEL, body.getString("model"));
        assertEquals(List.of(
                message("system", IDENTITY + "\n\n" + MAIN_PROMPT),
                message("user", REMINDER + "\n\n" + PROMPT),
                message("system", ENVIRONMENT)), body.getJsonArray("messages"));
        assertEquals(32768, body.getInt("max_tokens"));
        assertEquals(List.of("max_tokens 128000 clamped to 32768, the model's output limit"), translation.notes());
        assertEquals("medium", body.getString("reasoning_effort"));
        assertTrue(body.getBoolean("stream"));
        assertEquals(q("{'include_usage':true}"), body.getJsonObject("stream_options"));
        assertTrue(body.getString("user").matches("ccb-[0-9a-f]{32}"));
        assertTrue(body.getString("prompt_cache_key").matches("ccb-[0-9a-f]{32}"));

        String text = body.toString();
        for (String absent : List.of("cache_control", "billing-header", "context_management", "clear_thinking",
                "safeguards", "defer_loading", "output_config", "display", "metadata", "device_id", SESSION,
                "DeferredToolPlaceholder", "Fetches a URL", MCP_NAME)) {
            assertFalse(text.contains(absent), absent);
        }
    }

    @Test
    void firstTurnToolsAreTheLoadedFunctionsWithSchemasVerbatim() {
        Translation translation = translate(firstTurn(), UPSTREAM_CAPABILITIES, SESSION);
        JsonArray tools = translation.body().getJsonArray("tools");

        String alias = translation.toolNames().alias(MCP_NAME);
        assertEquals(List.of("Agent", "AskUserQuestion", "Bash", "Read", "ToolSearch", "Workflow", "Write", alias),
                names(tools));
        assertTrue(alias.length() <= 64 && alias.matches("[a-zA-Z0-9_-]+"), alias);
        assertEquals(Json.parseObject(BASH_SCHEMA), function(tools, "Bash").getJsonObject("parameters"));
        assertEquals(Json.parseObject(ASK_SCHEMA), function(tools, "AskUserQuestion").getJsonObject("parameters"));
        assertEquals(Json.parseObject(MCP_SCHEMA), function(tools, alias).getJsonObject("parameters"));
        assertEquals("Take a screenshot of a browser tab.", function(tools, alias).getString("description"));
        assertEquals(q("{'type':'object','properties':{'name':{'type':'string'},"
                + "'args':{'description':'Arguments of any type'}}}"), function(tools, "Workflow")
                .getJsonObject("parameters"));
    }

    @Test
    void thePromptCacheKeyIsTheSameFromMetadataOrFromTheSessionHeader() {
        JsonObject withHeader = translate(firstTurn(), UPSTREAM_CAPABILITIES, SESSION).body();
        JsonObject withoutHeader = translate(firstTurn(), UPSTREAM_CAPABILITIES, null).body();

        assertEquals(withHeader.getString("prompt_cache_key"), withoutHeader.getString("prompt_cache_key"));
    }

    @Test
    void laterTurnTranslatesHistoryThinkingImagesParallelResultsAndToolSearch() {
        Translation translation = translate(laterTurn(), UPSTREAM_CAPABILITIES, SESSION);
        JsonArray messages = translation.body().getJsonArray("messages");
        String alias = translation.toolNames().alias(MCP_NAME);

        assertEquals(List.of("system", "user", "system", "assistant", "tool:toolu_01", "tool:toolu_02", "user",
                "assistant", "tool:toolu_03", "user", "assistant", "tool:toolu_04", "user"), shape(messages));
        assertEquals(ENVIRONMENT, messages.getJsonObject(2).getString("content"));

        JsonObject firstAssistant = messages.getJsonObject(3);
        assertEquals("I'll list the files and take a screenshot.", firstAssistant.getString("content"));
        assertEquals("The user wants a listing and a screenshot; both can run at once.",
                firstAssistant.getString("reasoning_content"));
        assertEquals(Json.parse("""
                [{"id":"toolu_01","type":"function","function":{"name":"Bash",
                  "arguments":"{\\"command\\":\\"ls\\",\\"description\\":\\"List files\\"}"}},
                 {"id":"toolu_02","type":"function","function":{"name":"%s","arguments":"{\\"tabId\\":1}"}}]"""
                .formatted(alias)), firstAssistant.getJsonArray("tool_calls"));

        assertEquals("README.md\nsrc\n", messages.getJsonObject(4).getString("content"));
        assertEquals("Screenshot captured\n[1 image follows in the next user message]",
                messages.getJsonObject(5).getString("content"));
        assertEquals(imageMessage("toolu_02"), messages.getJsonObject(6));

        JsonObject secondAssistant = messages.getJsonObject(7);
        assertTrue(secondAssistant.isNull("content"));
        assertEquals("Open the saved copy too.", secondAssistant.getString("reasoning_content"));
        assertEquals("[1 image follows in the next user message]", messages.getJsonObject(8).getString("content"));
        assertEquals(imageMessage("toolu_03"), messages.getJsonObject(9));

        assertEquals("[tool loaded: WebFetch]", messages.getJsonObject(11).getString("content"));
        assertEquals(q("{'role':'user','content':'Tool loaded.'}"), messages.getJsonObject(12));
    }

    @Test
    void laterTurnLoadsTheReferencedDeferredToolOnly() {
        Translation translation = translate(laterTurn(), UPSTREAM_CAPABILITIES, SESSION);

        assertEquals(List.of("Agent", "AskUserQuestion", "Bash", "Read", "ToolSearch", "Workflow", "Write",
                translation.toolNames().alias(MCP_NAME), "WebFetch"), names(translation.body().getJsonArray("tools")));
    }

    @Test
    void historyThinkingIsDroppedForAnotherUpstreamWithoutReasoningEcho() {
        JsonObject request = laterTurn(LATER_TURNS.replace(OWN_SIGNATURE,
                new ThinkingSignature("another-upstream", "reasoning_content").encode()));

        JsonObject body = translate(request, UPSTREAM_CAPABILITIES, SESSION).body();

        assertFalse(body.toString().contains("reasoning_content"));
        assertFalse(body.toString().contains("both can run at once"));
    }

    @Test
    void theMcpAliasInAnUpstreamReplyMapsBackAndRoundTripsIntoTheNextRequest() {
        Translation translation = translate(laterTurn(), UPSTREAM_CAPABILITIES, SESSION);
        String alias = translation.toolNames().alias(MCP_NAME);
        JsonObject completion = Json.parseObject("""
                {"id":"chatcmpl-7","object":"chat.completion","created":1763600000,"model":"%s",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                  "reasoning_content":"One more screenshot after the fetch.",
                  "tool_calls":[{"id":"call_9","type":"function","function":{"name":"%s","arguments":"{\\"tabId\\":2}"}}]}}],
                 "usage":{"prompt_tokens":5100,"completion_tokens":40,"total_tokens":5140}}"""
                .formatted(UPSTREAM_MODEL, alias));

        ResponseMessage reply = CompletionTranslator.translate(Completion.read(completion), "msg_0001",
                "claude-opus-5-5", translation.toolNames(), UPSTREAM, List.of(), () -> 5000, () -> "toolu_gen");

        assertEquals("tool_use", reply.stopReason());
        ResponseMessage.ToolUse use = assertInstanceOf(ResponseMessage.ToolUse.class, reply.content().get(1));
        assertEquals(MCP_NAME, use.name());
        assertEquals(q("{'tabId':2}"), use.input());

        JsonArray echoed = Json.parseObject(new String(AnthropicJson.message(reply), StandardCharsets.UTF_8))
                .getJsonArray("content");
        String nextTurns = LATER_TURNS + ",{\"role\":\"assistant\",\"content\":" + echoed + "},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_9\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"" + PNG + "\"}}]}]}";
        Translation next = translate(laterTurn(nextTurns), UPSTREAM_CAPABILITIES, SESSION);

        JsonArray messages = next.body().getJsonArray("messages");
        JsonObject assistant = messages.getJsonObject(13);
        assertEquals("One more screenshot after the fetch.", assistant.getString("reasoning_content"));
        assertEquals(Json.parse("""
                [{"id":"call_9","type":"function","function":{"name":"%s","arguments":"{\\"tabId\\":2}"}}]"""
                .formatted(alias)), assistant.getJsonArray("tool_calls"));
        assertEquals("tool:call_9", shape(messages).get(14));
        assertEquals(MCP_NAME, next.toolNames().original(alias));
    }

    @Test
    void theMcpAliasInAStreamedToolCallMapsBack() {
        Translation translation = translate(laterTurn(), UPSTREAM_CAPABILITIES, SESSION);
        String alias = translation.toolNames().alias(MCP_NAME);
        StreamTranslator stream = new StreamTranslator(new StreamContext("msg_0001", "claude-opus-5-5", 5000,
                translation.toolNames(), UPSTREAM, List.of(), () -> "toolu_gen"));
        List<StreamEvent> events = new ArrayList<>();

        stream.onChunk(ChunkDecoder.decode(Json.parseObject("""
                {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,
                 "delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_9","type":"function",
                 "function":{"name":"%s","arguments":""}}]},"finish_reason":null}]}""".formatted(alias))), events);

        StreamEvent.BlockStart start = events.stream().filter(StreamEvent.BlockStart.class::isInstance)
                .map(StreamEvent.BlockStart.class::cast).findFirst().orElseThrow();
        assertEquals(MCP_NAME, start.toolName());
        assertEquals("call_9", start.toolId());
    }

    private static JsonObject firstTurn() {
        return Json.parseObject(claudeCodeBody(TOOLS, FIRST_USER + ",{\"role\":\"system\",\"content\":[{\"type\":"
                + "\"text\",\"text\":" + quote(ENVIRONMENT) + ",\"cache_control\":{\"type\":\"ephemeral\"}}]}"));
    }

    private static JsonObject laterTurn() {
        return laterTurn(LATER_TURNS);
    }

    /**
     * A later-turn request: the first user turn, the system turn (now a plain string), then the given turns, with
     * WebFetch appended to the tools as Claude Code does once ToolSearch loaded it.
     */
    private static JsonObject laterTurn(String turns) {
        String tools = TOOLS.substring(0, TOOLS.lastIndexOf(']')) + "," + WEB_FETCH + "]";
        return Json.parseObject(claudeCodeBody(tools, FIRST_USER + ",{\"role\":\"system\",\"content\":"
                + quote(ENVIRONMENT) + "}," + turns));
    }

    /** The top level of a Claude Code request, fields in the order the CLI sends them. */
    private static String claudeCodeBody(String tools, String messages) {
        String userId = quote("{\"device_id\":\"" + "7c".repeat(32) + "\",\"account_uuid\":\"\",\"session_id\":\""
                + SESSION + "\"}");
        return """
                {"model":"claude-opus-5-5","messages":[%s],"system":%s,"tools":%s,
                 "metadata":{"user_id":%s},"max_tokens":128000,"thinking":{"type":"adaptive","display":"omitted"},
                 "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
                 "output_config":{"effort":"medium"},"stream":true,
                 "safeguards":[{"type":"dangerous_tool_use","classifier_context":{"v":1,"permission_mode":"auto"}}]}"""
                .formatted(messages, SYSTEM, tools, userId);
    }

    private static JsonObject imageMessage(String toolUseId) {
        return Json.parseObject("""
                {"role":"user","content":[{"type":"text","text":"[image returned by tool call %s]"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]}""".formatted(toolUseId, PNG));
    }

    private static String quote(String text) {
        return JsonFactories.string(text).toString();
    }

    private static JsonObject message(String role, String content) {
        return JsonFactories.BUILDERS.createObjectBuilder().add("role", role).add("content", content).build();
    }

    private static List<String> names(JsonArray tools) {
        return tools.stream().map(t -> t.asJsonObject().getJsonObject("function").getString("name")).toList();
    }

    private static JsonObject function(JsonArray tools, String name) {
        return tools.stream().map(t -> t.asJsonObject().getJsonObject("function"))
                .filter(f -> f.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static List<String> shape(JsonArray messages) {
        return messages.stream().map(JsonObject.class::cast)
                .map(m -> m.getString("role").equals("tool") ? "tool:" + m.getString("tool_call_id")
                        : m.getString("role"))
                .toList();
    }
}
