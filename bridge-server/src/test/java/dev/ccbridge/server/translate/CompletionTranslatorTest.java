package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.anthropic.ResponseMessage;
import dev.ccbridge.server.anthropic.ResponseMessage.Text;
import dev.ccbridge.server.anthropic.ResponseMessage.Thinking;
import dev.ccbridge.server.anthropic.ResponseMessage.ToolUse;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.anthropic.TokenUsage;
import dev.ccbridge.server.openai.Completion;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.SequentialIds;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The non-streamed path: a chat completion in, a complete Anthropic message out. Claude Code falls back to this
 * path after any stream failure, so it must carry everything the stream does; the last tests check that
 * directly, by accumulating the stream of the same completion the way a client does.
 */
class CompletionTranslatorTest {

    private static final int INPUT_ESTIMATE = 42;
    private static final String UPSTREAM = "deepseek";
    private static final String LONG_MCP_TOOL =
            "mcp__claude_in_chrome__browser_navigate_and_wait_for_network_idle_then_shot";

    private final ToolNames toolNames = new ToolNames(64);
    private final SequentialIds ids = new SequentialIds();

    private ResponseMessage translate(String singleQuotedBody) {
        return CompletionTranslator.translate(Completion.read(Json.q(singleQuotedBody)), "msg_test",
                "claude-sonnet-4-5", toolNames, UPSTREAM, List.of("END"), () -> INPUT_ESTIMATE, () -> ids.next("toolu_"));
    }

    /** A completion body with one choice. */
    private static String body(String message, String finishReason, String usage) {
        return "{'id':'chatcmpl-1','object':'chat.completion','created':1767225600,'model':'up-model',"
                + "'choices':[{'index':0,'message':" + message + ",'finish_reason':"
                + (finishReason == null ? "null" : "'" + finishReason + "'") + ",'logprobs':null}]"
                + (usage == null ? "" : ",'usage':" + usage) + "}";
    }

    private static String toolCall(String id, String name, String arguments) {
        return "{" + (id == null ? "" : "'id':'" + id + "',") + "'type':'function','function':{'name':'" + name
                + "','arguments':'" + arguments.replace("'", "\\'") + "'}}";
    }

    private static final String USAGE = "{'prompt_tokens':30,'completion_tokens':7,'total_tokens':37}";

    // ---- content ------------------------------------------------------------------------------------------------

    @Test
    void thinkingTextAndToolUseInOrder() {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Let me check.',"
                + "'reasoning_content':'The user wants the weather.','tool_calls':["
                + toolCall("call_1", "get_weather", "{'city':'Paris','units':['c']}") + "]}", "tool_calls", USAGE));

        assertEquals(3, message.content().size());
        Thinking thinking = assertInstanceOf(Thinking.class, message.content().get(0));
        assertEquals("The user wants the weather.", thinking.thinking());
        assertEquals(new ThinkingSignature(UPSTREAM, "reasoning_content"),
                ThinkingSignature.decode(thinking.signature()).orElseThrow());
        assertEquals(new Text("Let me check."), message.content().get(1));
        assertEquals(new ToolUse("call_1", "get_weather", Json.q("{'city':'Paris','units':['c']}")),
                message.content().get(2));
        assertEquals("tool_use", message.stopReason());
        assertEquals(new TokenUsage(30, 7, 0, 0), message.usage());
    }

    @ParameterizedTest
    @CsvSource({
            "'{''role'':''assistant'',''content'':''4'',''reasoning'':''2+2''}', reasoning",
            "'{''role'':''assistant'',''content'':''4'',''reasoning_details'':[{''type'':''reasoning.text'',"
                    + "''text'':''2+2''}]}', reasoning_details",
            "'{''role'':''assistant'',''content'':''4'',''reasoning'':''2+2'',''reasoning_details'':"
                    + "[{''type'':''reasoning.text'',''text'':''2+2''}]}', reasoning"})
    void everyReasoningFieldBecomesOneSignedThinkingBlock(String message, String field) {
        ResponseMessage translated = translate(body(message, "stop", USAGE));

        assertEquals(List.of(new Thinking("2+2", new ThinkingSignature(UPSTREAM, field).encode()), new Text("4")),
                translated.content());
    }

    @Test
    void argumentsThatAreNotJsonAreHandedOverRaw() {
        ResponseMessage message = translate(body("{'role':'assistant','content':null,'tool_calls':["
                + toolCall("call_1", "Write", "{'content':'unterminated") + ","
                + toolCall("call_2", "Write", "{'a':1}{'a':1}") + ","
                + toolCall("call_3", "Write", "[1,2]") + "]}", "tool_calls", USAGE));

        assertEquals(List.of(
                new ToolUse("call_1", "Write", Json.q("{'_raw_arguments':'{\\'content\\':\\'unterminated'}")),
                new ToolUse("call_2", "Write", Json.q("{'_raw_arguments':'{\\'a\\':1}{\\'a\\':1}'}")),
                new ToolUse("call_3", "Write", Json.q("{'_raw_arguments':'[1,2]'}"))), message.content());
    }

    @Test
    void emptyArgumentsAndArgumentsSentAsAnObjectAreInputObjects() {
        ResponseMessage message = translate(body("{'role':'assistant','content':null,'tool_calls':["
                + toolCall("call_1", "ListFiles", "") + ","
                + "{'id':'call_2','type':'function','function':{'name':'Read','arguments':{'file_path':'a.txt'}}}]}",
                "tool_calls", USAGE));

        assertEquals(List.of(new ToolUse("call_1", "ListFiles", Json.q("{}")),
                new ToolUse("call_2", "Read", Json.q("{'file_path':'a.txt'}"))), message.content());
    }

    @Test
    void toolNamesAreMappedBackAndMissingIdsGenerated() {
        String alias = toolNames.alias(LONG_MCP_TOOL);

        ResponseMessage message = translate(body("{'role':'assistant','content':null,'tool_calls':["
                + toolCall(null, alias, "{}") + "," + toolCall("", "Bash", "{'command':'ls'}") + "]}",
                "tool_calls", USAGE));

        assertEquals(List.of(new ToolUse("toolu_0001", LONG_MCP_TOOL, Json.q("{}")),
                new ToolUse("toolu_0002", "Bash", Json.q("{'command':'ls'}"))), message.content());
    }

    @Test
    void whitespaceOnlyTextBesideAToolCallIsDropped() {
        ResponseMessage message = translate(body("{'role':'assistant','content':'\\n\\n','tool_calls':["
                + toolCall("call_1", "Bash", "{}") + "]}", "tool_calls", USAGE));

        assertEquals(List.of(new ToolUse("call_1", "Bash", Json.q("{}"))), message.content());
    }

    @Test
    void aToolCallWithoutANameIsLeftOut() {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Hi','tool_calls':["
                + "{'id':'call_1','type':'function','function':{'arguments':'{}'}}]}", "stop", USAGE));

        assertEquals(List.of(new Text("Hi")), message.content());
        assertEquals("end_turn", message.stopReason());
    }

    // ---- stop reasons -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"stop, end_turn", "eos, end_turn", "length, max_tokens", "content_filter, refusal",
            "sensitive, refusal", "tool_calls, end_turn"})
    void finishReasonsOfATextAnswer(String finishReason, String stopReason) {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Hello'}", finishReason, USAGE));

        assertEquals(stopReason, message.stopReason());
        assertNull(message.stopSequence());
    }

    @Test
    void aMissingFinishReasonIsEndTurn() {
        assertEquals("end_turn", translate(body("{'role':'assistant','content':'Hello'}", null, USAGE)).stopReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "tool_calls"})
    void anyToolCallIsToolUse(String finishReason) {
        ResponseMessage message = translate(body("{'role':'assistant','content':null,'tool_calls':["
                + toolCall("call_1", "get_weather", "{}") + "]}", finishReason, USAGE));

        assertEquals("tool_use", message.stopReason());
    }

    @Test
    void lengthInsideAToolCallIsMaxTokens() {
        ResponseMessage message = translate(body("{'role':'assistant','content':null,'tool_calls':["
                + toolCall("call_1", "Write", "{'content':'abc") + "]}", "length", USAGE));

        assertEquals("max_tokens", message.stopReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop_reason", "matched_stop"})
    void aMatchedRequestStopSequence(String field) {
        ResponseMessage message = translate("{'choices':[{'index':0,'message':{'role':'assistant','content':'a b'},"
                + "'finish_reason':'stop','" + field + "':'END'}],'usage':" + USAGE + "}");

        assertEquals("stop_sequence", message.stopReason());
        assertEquals("END", message.stopSequence());
    }

    @Test
    void aRefusalIsTextWithStopReasonRefusal() {
        ResponseMessage message = translate(body("{'role':'assistant','content':null,"
                + "'refusal':'I cannot help with that.'}", "stop", USAGE));

        assertEquals(List.of(new Text("I cannot help with that.")), message.content());
        assertEquals("refusal", message.stopReason());
    }

    @Test
    void contentAndRefusalAreBothKept() {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Sure. ',"
                + "'refusal':'Actually, no.'}", "stop", USAGE));

        assertEquals(List.of(new Text("Sure. Actually, no.")), message.content());
        assertEquals("refusal", message.stopReason());
    }

    // ---- usage --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'prompt_tokens':2000,'completion_tokens':50,'total_tokens':2050,"
                    + "'prompt_tokens_details':{'cached_tokens':1536}}|464|50|1536|0",
            "{'prompt_tokens':1000,'completion_tokens':20,'total_tokens':1020,'prompt_cache_hit_tokens':768,"
                    + "'prompt_cache_miss_tokens':232}|232|20|768|0",
            "{'prompt_tokens':500,'completion_tokens':10,'total_tokens':510,'cached_tokens':300}|200|10|300|0",
            "{'prompt_tokens':3000,'completion_tokens':40,'total_tokens':3040,"
                    + "'prompt_tokens_details':{'cached_tokens':1000,'cache_write_tokens':1500}}|500|40|1000|1500",
            "{'prompt_tokens':307,'completion_tokens':26,'total_tokens':560,"
                    + "'completion_tokens_details':{'reasoning_tokens':227}}|307|253|0|0"})
    void usageIsTranslatedLikeTheStream(String usage, int input, int output, int cacheRead, int cacheWrite) {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Hi'}", "stop", usage));

        assertEquals(new TokenUsage(input, output, cacheRead, cacheWrite), message.usage());
    }

    @Test
    void withoutUsageTheMessageCarriesEstimates() {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Hello world',"
                + "'reasoning_content':'Think'}", "stop", null));

        assertEquals(new TokenUsage(INPUT_ESTIMATE, 4, 0, 0), message.usage());
    }

    // ---- the wire -----------------------------------------------------------------------------------------------

    @Test
    void theMessageJsonHasTheAnthropicShape() {
        ResponseMessage message = translate(body("{'role':'assistant','content':'Done.',"
                + "'reasoning_content':'Plan.','tool_calls':[" + toolCall("call_1", "Read", "{'file_path':'a'}")
                + "]}", "tool_calls", "{'prompt_tokens':100,'completion_tokens':9,'total_tokens':109,"
                + "'prompt_tokens_details':{'cached_tokens':64}}"));

        JsonObject wire = Json.parseObject(new String(AnthropicJson.message(message), StandardCharsets.UTF_8));

        assertEquals(Json.q("{'id':'msg_test','type':'message','role':'assistant','model':'claude-sonnet-4-5',"
                + "'content':[{'type':'thinking','thinking':'Plan.','signature':'"
                + new ThinkingSignature(UPSTREAM, "reasoning_content").encode() + "'},"
                + "{'type':'text','text':'Done.'},"
                + "{'type':'tool_use','id':'call_1','name':'Read','input':{'file_path':'a'}}],"
                + "'stop_reason':'tool_use','stop_sequence':null,"
                + "'usage':{'input_tokens':36,'cache_creation_input_tokens':0,'cache_read_input_tokens':64,"
                + "'output_tokens':9}}"), wire);
    }

    // ---- the same as the stream ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "{'role':'assistant','content':'Hello'}|stop",
            "{'role':'assistant','content':'Checking.','reasoning':'Plan it.','tool_calls':[{'id':'c1','type':"
                    + "'function','function':{'name':'Read','arguments':'{\\'file_path\\':\\'a\\'}'}},{'id':'c2',"
                    + "'type':'function','function':{'name':'Glob','arguments':'{}'}}]}|tool_calls",
            "{'role':'assistant','content':null,'refusal':'No.'}|stop",
            "{'role':'assistant','content':'Cut off','reasoning_content':'Long'}|length"})
    void theMessageEqualsTheAccumulatedStreamOfTheSameCompletion(String messageAndFinish) {
        String[] parts = messageAndFinish.split("\\|");
        String body = body(parts[0], parts[1], USAGE);

        ResponseMessage whole = translate(body);
        StreamTranslator stream = new StreamTranslator(new StreamContext("msg_test", "claude-sonnet-4-5",
                INPUT_ESTIMATE, toolNames, UPSTREAM, List.of("END"), () -> "unused"));
        List<StreamEvent> events = new ArrayList<>();
        stream.onChunk(Completion.read(Json.q(body)).asChunk(), events);
        stream.onDone(events);

        assertEquals(whole.content(), accumulate(events));
        assertEquals(whole.stopReason(), stream.stopReason());
        assertEquals(whole.usage(), stream.usage());
    }

    /** Rebuilds content blocks from stream events, as the Anthropic SDKs' accumulators do. */
    private static List<ResponseMessage.Block> accumulate(List<StreamEvent> events) {
        List<ResponseMessage.Block> blocks = new ArrayList<>();
        StreamEvent.BlockStart start = null;
        StringBuilder body = new StringBuilder();
        String signature = null;
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.BlockStart s -> {
                    start = s;
                    body.setLength(0);
                    signature = null;
                }
                case StreamEvent.BlockDelta d when d.kind() == StreamEvent.DeltaKind.SIGNATURE -> signature = d.value();
                case StreamEvent.BlockDelta d -> body.append(d.value());
                case StreamEvent.BlockStop s -> blocks.add(switch (start.kind()) {
                    case TEXT -> new Text(body.toString());
                    case THINKING -> new Thinking(body.toString(), signature);
                    case TOOL_USE -> new ToolUse(start.toolId(), start.toolName(),
                            body.isEmpty() ? Json.q("{}") : Json.parseObject(body.toString()));
                });
                default -> {
                }
            }
        }
        return blocks;
    }
}
