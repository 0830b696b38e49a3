package dev.ccbridge.server.stream;

import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.SseEncoder;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.anthropic.StreamEvent.BlockDelta;
import dev.ccbridge.server.anthropic.StreamEvent.BlockStart;
import dev.ccbridge.server.anthropic.StreamEvent.BlockStop;
import dev.ccbridge.server.anthropic.StreamEvent.MessageDelta;
import dev.ccbridge.server.anthropic.StreamEvent.MessageStop;
import dev.ccbridge.server.anthropic.TokenUsage;
import dev.ccbridge.server.openai.ChunkDecoder;
import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.SequentialIds;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.translate.ThinkingSignature;
import dev.ccbridge.server.translate.ToolNames;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.ccbridge.server.anthropic.StreamEvent.BlockKind.TEXT;
import static dev.ccbridge.server.anthropic.StreamEvent.BlockKind.THINKING;
import static dev.ccbridge.server.anthropic.StreamEvent.BlockKind.TOOL_USE;
import static dev.ccbridge.server.anthropic.StreamEvent.DeltaKind.INPUT_JSON;
import static dev.ccbridge.server.anthropic.StreamEvent.DeltaKind.SIGNATURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream state machine, chunk by chunk: OpenAI chunk JSON goes through {@link ChunkDecoder} into the
 * translator, and the exact Anthropic events that come out are compared; every stream is also SSE-encoded,
 * parsed back as a client would and checked against the Anthropic stream grammar.
 */
class StreamTranslatorTest {

    private static final int INPUT_ESTIMATE = 42;
    private static final String UPSTREAM = "deep.seek";
    private static final String LONG_MCP_TOOL =
            "mcp__claude_in_chrome__browser_navigate_and_wait_for_network_idle_then_shot";

    private final ToolNames toolNames = new ToolNames(64);
    private final SequentialIds ids = new SequentialIds();
    private final StreamTranslator translator = new StreamTranslator(new StreamContext("msg_test",
            "claude-sonnet-4-5", INPUT_ESTIMATE, toolNames, UPSTREAM, List.of("END", "###"),
            () -> ids.next("toolu_")));
    private final List<StreamEvent> events = new ArrayList<>();

    // ---- feeding ------------------------------------------------------------------------------------------------

    /** Feeds one chunk written with single quotes. */
    private void chunk(String singleQuoted) {
        translator.onChunk(ChunkDecoder.decode(Json.q(singleQuoted)), events);
    }

    private void delta(String delta) {
        chunk("{'id':'c1','object':'chat.completion.chunk','choices':[{'index':0,'delta':" + delta
                + ",'finish_reason':null}]}");
    }

    private void text(String text) {
        delta("{'content':'" + text + "'}");
    }

    private void finish(String reason) {
        chunk("{'choices':[{'index':0,'delta':{},'finish_reason':'" + reason + "'}]}");
    }

    private void usage(String usage) {
        chunk("{'choices':[],'usage':" + usage + "}");
    }

    /** A tool call piece; {@code arguments} may use single quotes, which end up as escaped double quotes. */
    private void tool(int index, String id, String name, String arguments) {
        StringBuilder call = new StringBuilder("{'index':" + index);
        if (id != null) {
            call.append(",'id':'").append(id).append("','type':'function'");
        }
        call.append(",'function':{");
        if (name != null) {
            call.append("'name':'").append(name).append("'");
        }
        if (arguments != null) {
            call.append(name != null ? "," : "").append("'arguments':'")
                    .append(arguments.replace("'", "\\'")).append("'");
        }
        call.append("}}");
        delta("{'tool_calls':[" + call + "]}");
    }

    private void done() {
        translator.onDone(events);
    }

    // ---- checking -----------------------------------------------------------------------------------------------

    /** The whole stream as a client parses it, checked against the grammar. */
    private List<SseEvent> client() {
        SseEncoder encoder = new SseEncoder();
        encoder.append(translator.start());
        events.forEach(encoder::append);
        List<SseEvent> parsed = SseEvent.parse(new String(encoder.drain(), StandardCharsets.UTF_8));
        AnthropicStreamGrammar.check(parsed);
        return parsed;
    }

    private void assertEvents(StreamEvent... expected) {
        assertEquals(List.of(expected), events);
        client();
    }

    private static BlockStart open(int index, StreamEvent.BlockKind kind) {
        return new BlockStart(index, kind, null, null);
    }

    private static BlockStart openTool(int index, String id, String name) {
        return new BlockStart(index, TOOL_USE, id, name);
    }

    private static BlockDelta textDelta(int index, String text) {
        return new BlockDelta(index, StreamEvent.DeltaKind.TEXT, text);
    }

    private static BlockDelta thinkingDelta(int index, String text) {
        return new BlockDelta(index, StreamEvent.DeltaKind.THINKING, text);
    }

    private static BlockDelta json(int index, String partialJson) {
        return new BlockDelta(index, INPUT_JSON, partialJson.replace('\'', '"'));
    }

    private static BlockDelta signature(int index, String field) {
        return new BlockDelta(index, SIGNATURE, new ThinkingSignature(UPSTREAM, field).encode());
    }

    private static MessageDelta end(String stopReason, TokenUsage usage) {
        return new MessageDelta(stopReason, null, usage);
    }

    private static final String USAGE = "{'prompt_tokens':30,'completion_tokens':7,'total_tokens':37}";
    private static final TokenUsage REPORTED = new TokenUsage(30, 7, 0, 0);

    // ---- text and lazy blocks -----------------------------------------------------------------------------------


    @Test
    void roleChunkWithEmptyContentOpensNothing() {
        delta("{'role':'assistant','content':'','refusal':null}");
        delta("{'role':'assistant','content':null}");
        delta("{'role':null,'content':null,'tool_calls':null}");

        assertEquals(List.of(), events);
    }

    @Test
    void textStreamsIntoOneBlock() {
        delta("{'role':'assistant','content':'','refusal':null}");
        text("Hello");
        text(", world");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "Hello"), textDelta(0, ", world"), new BlockStop(0),
                end("end_turn", REPORTED), new MessageStop());
    }

    @Test
    void messageStartCarriesTheModelAndTheInputEstimate() {
        text("Hi");
        finish("stop");
        done();

        JsonObject message = client().getFirst().data().getJsonObject("message");
        assertEquals("msg_test", message.getString("id"));
        assertEquals("claude-sonnet-4-5", message.getString("model"));
        assertEquals(INPUT_ESTIMATE, message.getJsonObject("usage").getInt("input_tokens"));
    }

    @Test
    void nonAsciiTextSurvivesEncoding() {
        text("h\u00e9llo ");
        text("\u4e16\u754c \uD83C\uDF89");
        finish("stop");
        done();

        String streamed = client().stream()
                .filter(e -> e.type().equals("content_block_delta"))
                .map(e -> e.data().getJsonObject("delta").getString("text"))
                .reduce("", String::concat);
        assertEquals("h\u00e9llo \u4e16\u754c \uD83C\uDF89", streamed);
    }

    @Test
    void contentAndFinishReasonInTheSameChunk() {
        text("Hi");
        chunk("{'choices':[{'index':0,'delta':{'content':' there'},'finish_reason':'stop'}],'usage':" + USAGE
                + "}");
        done();

        assertEvents(open(0, TEXT), textDelta(0, "Hi"), textDelta(0, " there"), new BlockStop(0),
                end("end_turn", REPORTED), new MessageStop());
    }

    // ---- thinking -----------------------------------------------------------------------------------------------


    @ParameterizedTest
    @ValueSource(strings = {"reasoning_content", "reasoning"})
    void reasoningFieldBecomesAThinkingBlockSignedWithItsOrigin(String field) {
        delta("{'role':'assistant','content':null,'" + field + "':'Let me think'}");
        delta("{'" + field + "':' hard.'}");
        text("42");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(open(0, THINKING), thinkingDelta(0, "Let me think"), thinkingDelta(0, " hard."),
                signature(0, field), new BlockStop(0),
                open(1, TEXT), textDelta(1, "42"), new BlockStop(1),
                end("end_turn", REPORTED), new MessageStop());
        assertSignatureReadsBack(field);
    }

    @Test
    void reasoningDetailsBecomeAThinkingBlock() {
        delta("{'reasoning_details':[{'type':'reasoning.text','text':'Step one.','format':'unknown','index':0}]}");
        delta("{'reasoning_details':[{'type':'reasoning.summary','summary':' Step two.','index':0}]}");
        text("Done");
        finish("stop");
        done();

        assertEquals(List.of(open(0, THINKING), thinkingDelta(0, "Step one."), thinkingDelta(0, " Step two."),
                signature(0, "reasoning_details"), new BlockStop(0)), events.subList(0, 5));
        client();
        assertSignatureReadsBack("reasoning_details");
    }

    @Test
    void theSameReasoningInTwoFieldsIsEmittedOnce() {
        delta("{'reasoning':'Hmm.','reasoning_details':[{'type':'reasoning.text','text':'Hmm.'}]}");
        delta("{'reasoning_content':'Yes.','reasoning':'Yes.'}");
        text("Ok");
        finish("stop");
        done();

        assertEquals(List.of(open(0, THINKING), thinkingDelta(0, "Hmm."), thinkingDelta(0, "Yes."),
                signature(0, "reasoning")), events.subList(0, 4));
        client();
    }

    @Test
    void aDeltaMixingReasoningAndContentIsSplitThinkingThenText() {
        delta("{'reasoning':'Short thought.','content':'The answer'}");
        text(" is 4.");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(open(0, THINKING), thinkingDelta(0, "Short thought."), signature(0, "reasoning"),
                new BlockStop(0), open(1, TEXT), textDelta(1, "The answer"), textDelta(1, " is 4."),
                new BlockStop(1), end("end_turn", REPORTED), new MessageStop());
    }

    @Test
    void thinkingThenToolCall() {
        delta("{'reasoning_content':'I should read it.'}");
        tool(0, "call_1", "Read", "{'file_path':'a.txt'}");
        finish("tool_calls");
        done();

        assertEquals(List.of(open(0, THINKING), thinkingDelta(0, "I should read it."),
                signature(0, "reasoning_content"), new BlockStop(0), openTool(1, "call_1", "Read"),
                json(1, "{'file_path':'a.txt'}"), new BlockStop(1)), events.subList(0, 7));
        client();
    }

    private void assertSignatureReadsBack(String field) {
        String wire = client().stream()
                .filter(e -> e.type().equals("content_block_delta"))
                .map(e -> e.data().getJsonObject("delta"))
                .filter(d -> d.getString("type").equals("signature_delta"))
                .map(d -> d.getString("signature"))
                .findFirst().orElseThrow();
        ThinkingSignature decoded = ThinkingSignature.decode(wire).orElseThrow();
        assertEquals(UPSTREAM, decoded.upstream());
        assertEquals(field, decoded.field());
    }

    // ---- whitespace ---------------------------------------------------------------------------------------------


    @Test
    void whitespaceOnlyTextBeforeAToolCallIsDropped() {
        text("\\n\\n");
        text(" ");
        tool(0, "call_1", "Bash", "{'command':'ls'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", "Bash"), json(0, "{'command':'ls'}"), new BlockStop(0),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void whitespaceBeforeRealTextIsKeptInFrontOfIt() {
        text("\\n\\n");
        text("Hello");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "\n\nHello"), new BlockStop(0), end("end_turn", REPORTED),
                new MessageStop());
    }

    @Test
    void whitespaceInsideOpenTextIsKept() {
        text("a");
        text("  ");
        text("b");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "a"), textDelta(0, "  "), textDelta(0, "b"), new BlockStop(0),
                end("end_turn", REPORTED), new MessageStop());
    }

    // ---- tool calls ---------------------------------------------------------------------------------------------


    @Test
    void textThenToolClosesTheTextFirst() {
        text("Let me look.");
        tool(0, "call_1", "Read", "");
        tool(0, null, null, "{'file_path':");
        tool(0, null, null, "'a.txt'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "Let me look."), new BlockStop(0),
                openTool(1, "call_1", "Read"), json(1, "{'file_path':"), json(1, "'a.txt'}"), new BlockStop(1),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void toolThenText() {
        tool(0, "call_1", "Read", "{}");
        text("Reading now.");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", "Read"), json(0, "{}"), new BlockStop(0),
                open(1, TEXT), textDelta(1, "Reading now."), new BlockStop(1),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void sequentialParallelCallsComeOutWholeAndInOrder() {
        delta("{'role':'assistant','content':null}");
        tool(0, "call_a", "Read", "");
        tool(0, null, null, "{'file_path':'a.txt'}");
        tool(1, "call_b", "Read", "");
        tool(1, null, null, "{'file_path':'b.txt'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_a", "Read"), json(0, "{'file_path':'a.txt'}"), new BlockStop(0),
                openTool(1, "call_b", "Read"), json(1, "{'file_path':'b.txt'}"), new BlockStop(1),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void interleavedCallsComeOutWholeInIndexOrderWithTheirArgumentsIntact() {
        delta("{'role':'assistant','content':null}");
        tool(0, "call_a", "Read", "");
        tool(1, "call_b", "Glob", "");
        tool(0, null, null, "{'file_path':");
        tool(1, null, null, "{'pattern':");
        tool(0, null, null, "'a.txt'}");
        tool(1, null, null, "'*.java'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_a", "Read"), json(0, "{'file_path':"), json(0, "'a.txt'}"),
                new BlockStop(0), openTool(1, "call_b", "Glob"), json(1, "{'pattern':'*.java'}"),
                new BlockStop(1), end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void threeInterleavedCallsInOneChunkEach() {
        chunk("{'choices':[{'index':0,'delta':{'tool_calls':["
                + "{'index':0,'id':'c0','type':'function','function':{'name':'A','arguments':'{\\'n\\':'}},"
                + "{'index':1,'id':'c1','type':'function','function':{'name':'B','arguments':'{\\'n\\':'}},"
                + "{'index':2,'id':'c2','type':'function','function':{'name':'C','arguments':'{\\'n\\':'}}]},"
                + "'finish_reason':null}]}");
        chunk("{'choices':[{'index':0,'delta':{'tool_calls':["
                + "{'index':2,'function':{'arguments':'2}'}},{'index':1,'function':{'arguments':'1}'}},"
                + "{'index':0,'function':{'arguments':'0}'}}]},'finish_reason':'tool_calls'}]}");
        done();

        assertEquals(List.of(openTool(0, "c0", "A"), json(0, "{'n':"), json(0, "0}"), new BlockStop(0),
                openTool(1, "c1", "B"), json(1, "{'n':1}"), new BlockStop(1),
                openTool(2, "c2", "C"), json(2, "{'n':2}"), new BlockStop(2)), events.subList(0, 10));
        client();
    }

    @Test
    void aNameThatArrivesAfterTheIdOpensTheBlockThen() {
        tool(0, "call_1", null, null);
        assertEquals(List.of(), events);
        tool(0, null, "Bash", "{'command':");
        tool(0, null, null, "'pwd'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", "Bash"), json(0, "{'command':"), json(0, "'pwd'}"), new BlockStop(0),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void continuationPiecesWithEmptyIdAndNameChangeNothing() {
        tool(0, "call_1", "Bash", "");
        delta("{'tool_calls':[{'index':0,'id':'','type':'function','function':{'name':'','arguments':'{}'}}]}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", "Bash"), json(0, "{}"), new BlockStop(0), end("tool_use", REPORTED),
                new MessageStop());
    }

    @Test
    void aWholeCallWithFinishAndUsageInOneChunk() {
        chunk("{'choices':[{'index':0,'delta':{'content':'','tool_calls':[{'id':'gSIMJiOkT','function':"
                + "{'name':'get_weather','arguments':'{\\'city\\':\\'Paris\\'}'}}]},'finish_reason':'tool_calls'}],"
                + "'usage':" + USAGE + "}");
        done();

        assertEvents(openTool(0, "gSIMJiOkT", "get_weather"), json(0, "{'city':'Paris'}"), new BlockStop(0),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void anIdThatChangesMidCallDoesNotStartAnotherCall() {
        tool(0, "functions.read:0", "Read", "{'file_path':");
        tool(0, "relay-rewritten-id", null, "'a.txt'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "functions.read:0", "Read"), json(0, "{'file_path':"), json(0, "'a.txt'}"),
                new BlockStop(0), end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void aCallWithoutIdGetsOneFromTheSupplier() {
        tool(0, null, "Bash", "{'command':'ls'}");
        tool(1, null, "Bash", "{'command':'pwd'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "toolu_0001", "Bash"), json(0, "{'command':'ls'}"), new BlockStop(0),
                openTool(1, "toolu_0002", "Bash"), json(1, "{'command':'pwd'}"), new BlockStop(1),
                end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void anAliasedToolNameIsMappedBack() {
        String alias = toolNames.alias(LONG_MCP_TOOL);
        assertTrue(alias.length() <= 64, alias);

        tool(0, "call_1", alias, "{'url':'https://example.com'}");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", LONG_MCP_TOOL), json(0, "{'url':'https://example.com'}"),
                new BlockStop(0), end("tool_use", REPORTED), new MessageStop());
    }

    @Test
    void aWholeCallWithoutArgumentsHasEmptyInput() {
        tool(0, "call_1", "ListFiles", null);
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", "ListFiles"), new BlockStop(0), end("tool_use", REPORTED),
                new MessageStop());
    }

    // ---- stop reasons -------------------------------------------------------------------------------------------


    @Test
    void lengthIsMaxTokens() {
        text("Once upon a time");
        finish("length");
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "Once upon a time"), new BlockStop(0),
                end("max_tokens", REPORTED), new MessageStop());
    }

    @Test
    void lengthInsideAToolCallIsStillMaxTokens() {
        tool(0, "call_1", "Write", "{'content':'abc'}");
        finish("length");
        usage(USAGE);
        done();

        assertEvents(openTool(0, "call_1", "Write"), json(0, "{'content':'abc'}"), new BlockStop(0),
                end("max_tokens", REPORTED), new MessageStop());
    }

    @ParameterizedTest
    @ValueSource(strings = {"content_filter", "sensitive"})
    void contentFilterIsRefusal(String finishReason) {
        text("I was about to");
        finish(finishReason);
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "I was about to"), new BlockStop(0), end("refusal", REPORTED),
                new MessageStop());
    }

    @Test
    void streamedRefusalIsTextAndRefusal() {
        delta("{'role':'assistant','content':null,'refusal':''}");
        delta("{'content':null,'refusal':'I cannot help'}");
        delta("{'content':null,'refusal':' with that.'}");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(open(0, TEXT), textDelta(0, "I cannot help"), textDelta(0, " with that."), new BlockStop(0),
                end("refusal", REPORTED), new MessageStop());
    }

    @Test
    void forcedToolWithFinishStopIsToolUse() {
        tool(0, "call_1", "get_weather", "{'city':'Paris'}");
        finish("stop");
        usage(USAGE);
        done();

        assertEquals(end("tool_use", REPORTED), events.get(events.size() - 2));
        client();
    }

    @Test
    void finishToolCallsWithoutAToolIsEndTurn() {
        text("No tool needed.");
        finish("tool_calls");
        usage(USAGE);
        done();

        assertEquals(end("end_turn", REPORTED), events.get(events.size() - 2));
        client();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop_reason", "matched_stop"})
    void aMatchedRequestStopSequenceIsStopSequence(String field) {
        text("one two");
        chunk("{'choices':[{'index':0,'delta':{},'finish_reason':'stop','" + field + "':'END'}]}");
        usage(USAGE);
        done();

        assertEquals(new MessageDelta("stop_sequence", "END", REPORTED), events.get(events.size() - 2));
        List<SseEvent> client = client();
        JsonObject delta = client.get(client.size() - 2).data().getJsonObject("delta");
        assertEquals("END", delta.getString("stop_sequence"));
    }

    @Test
    void aStopTokenThatIsNoRequestStopSequenceIsEndTurn() {
        text("one two");
        chunk("{'choices':[{'index':0,'delta':{},'finish_reason':'stop','stop_reason':151645}]}");
        chunk("{'choices':[{'index':0,'delta':{},'finish_reason':'stop','stop_reason':'<|im_end|>'}]}");
        done();

        MessageDelta delta = assertInstanceOf(MessageDelta.class, events.get(events.size() - 2));
        assertEquals("end_turn", delta.stopReason());
        assertEquals(null, delta.stopSequence());
        client();
    }

    @Test
    void togetherEosIsEndTurn() {
        text("Bye");
        finish("eos");
        done();

        assertEquals("end_turn", assertInstanceOf(MessageDelta.class, events.get(events.size() - 2)).stopReason());
        client();
    }

    // ---- endings and errors -------------------------------------------------------------------------------------


    @Test
    void inBandErrorIsTheLastEventAndNothingFollows() {
        text("Partial");
        chunk("{'error':{'message':'The server had an error while processing your request.',"
                + "'type':'server_error'}}");
        text("more");
        finish("stop");
        done();
        translator.onEnd(events);

        assertEquals(List.of(open(0, TEXT), textDelta(0, "Partial")), events.subList(0, 2));
        assertEquals(3, events.size());
        StreamEvent.Error error = assertInstanceOf(StreamEvent.Error.class, events.get(2));
        assertEquals("api_error", error.error().type());
        assertTrue(error.error().message().contains("The server had an error"), error.error().message());
        assertTrue(translator.ended());
        client();
    }

    @Test
    void openRouterErrorChunkWithFinishReasonErrorEndsWithTheUpstreamError() {
        text("Partial");
        chunk("{'id':'gen-1','object':'chat.completion.chunk','error':{'code':502,'message':'Provider returned "
                + "error'},'choices':[{'index':0,'delta':{'content':''},'finish_reason':'error'}]}");
        done();

        StreamEvent.Error error = assertInstanceOf(StreamEvent.Error.class, events.getLast());
        assertEquals(new AnthropicError(502, "api_error", "upstream 'deep.seek': Provider returned error"),
                error.error());
        client();
    }

    @Test
    void finishReasonErrorAloneIsAnError() {
        text("Partial");
        chunk("{'choices':[{'index':0,'delta':{'content':''},'finish_reason':'error'}]}");
        done();

        assertInstanceOf(StreamEvent.Error.class, events.getLast());
        assertEquals(3, events.size());
        client();
    }

    @Test
    void doneWithoutFinishReasonIsAnError() {
        text("Partial");
        done();

        StreamEvent.Error error = assertInstanceOf(StreamEvent.Error.class, events.getLast());
        assertEquals("api_error", error.error().type());
        assertEquals(null, translator.stopReason());
        client();
    }

    @Test
    void endOfStreamAfterAFinishReasonCompletes() {
        text("All done");
        finish("stop");
        usage(USAGE);
        translator.onEnd(events);

        assertEvents(open(0, TEXT), textDelta(0, "All done"), new BlockStop(0), end("end_turn", REPORTED),
                new MessageStop());
        assertEquals("end_turn", translator.stopReason());
    }

    @Test
    void endOfStreamWithoutFinishReasonIsAnError() {
        text("Partial");
        translator.onEnd(events);

        StreamEvent.Error error = assertInstanceOf(StreamEvent.Error.class, events.getLast());
        assertTrue(error.error().message().contains("incomplete"), error.error().message());
        client();
    }

    @Test
    void inBandErrorAsAPlainStringIsStillAnError() {
        text("Partial");
        chunk("{'error':'upstream worker crashed'}");

        StreamEvent.Error error = assertInstanceOf(StreamEvent.Error.class, events.getLast());
        assertEquals(new AnthropicError(500, "api_error", "upstream 'deep.seek': upstream worker crashed"), error.error());
        client();
    }

    @Test
    void glmNetworkErrorFinishIsAnError() {
        text("Partial");
        finish("network_error");
        done();

        assertEquals(3, events.size());
        assertInstanceOf(StreamEvent.Error.class, events.getLast());
        client();
    }

    @Test
    void anAnswerOfOnlyWhitespaceHasNoBlocks() {
        text("\\n");
        text("  ");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(end("end_turn", REPORTED), new MessageStop());
    }

    @Test
    void anEmptyStreamThatFinishesHasNoBlocks() {
        delta("{'role':'assistant','content':''}");
        finish("stop");
        usage(USAGE);
        done();

        assertEvents(end("end_turn", REPORTED), new MessageStop());
    }

    // ---- usage --------------------------------------------------------------------------------------------------


    @Test
    void usageInATrailingChunkAfterTheFinish() {
        text("Hi");
        finish("stop");
        usage("{'prompt_tokens':100,'completion_tokens':5,'total_tokens':105}");
        done();

        assertEquals(end("end_turn", new TokenUsage(100, 5, 0, 0)), events.get(events.size() - 2));
        client();
    }

    @Test
    void usageOnTheFinishChunk() {
        text("Hi");
        chunk("{'choices':[{'index':0,'delta':{'content':''},'finish_reason':'stop'}],"
                + "'usage':{'prompt_tokens':100,'completion_tokens':5,'total_tokens':105,"
                + "'prompt_cache_hit_tokens':60,'prompt_cache_miss_tokens':40}}");
        done();

        assertEquals(end("end_turn", new TokenUsage(40, 5, 60, 0)), events.get(events.size() - 2));
        client();
    }

    @Test
    void withoutUsageTheDeltaCarriesEstimates() {
        text("Hello world");
        finish("stop");
        done();

        MessageDelta delta = assertInstanceOf(MessageDelta.class, events.get(events.size() - 2));
        assertEquals(INPUT_ESTIMATE, delta.usage().inputTokens());
        assertEquals(3, delta.usage().outputTokens());
        JsonObject wire = client().get(4).data().getJsonObject("usage");
        assertEquals(INPUT_ESTIMATE, wire.getInt("input_tokens"));
        assertEquals(3, wire.getInt("output_tokens"));
    }

    @Test
    void usageWithoutPromptTokensKeepsTheInputEstimate() {
        finishWithUsage("{'completion_tokens':5}");

        assertEquals(new TokenUsage(INPUT_ESTIMATE, 5, 0, 0), translator.usage());
    }

    @Test
    void openAiCachedTokensAreSubtractedFromInput() {
        finishWithUsage("{'prompt_tokens':2000,'completion_tokens':50,'total_tokens':2050,"
                + "'prompt_tokens_details':{'cached_tokens':1536,'audio_tokens':0}}");

        assertEquals(new TokenUsage(464, 50, 1536, 0), translator.usage());
    }

    @Test
    void deepSeekCacheHitTokens() {
        finishWithUsage("{'prompt_tokens':1000,'completion_tokens':20,'total_tokens':1020,"
                + "'prompt_cache_hit_tokens':768,'prompt_cache_miss_tokens':232}");

        assertEquals(new TokenUsage(232, 20, 768, 0), translator.usage());
    }

    @Test
    void moonshotTopLevelCachedTokens() {
        finishWithUsage("{'prompt_tokens':500,'completion_tokens':10,'total_tokens':510,'cached_tokens':300}");

        assertEquals(new TokenUsage(200, 10, 300, 0), translator.usage());
    }

    @Test
    void openRouterCacheWriteTokens() {
        finishWithUsage("{'prompt_tokens':3000,'completion_tokens':40,'total_tokens':3040,'cost':0.01,"
                + "'prompt_tokens_details':{'cached_tokens':1000,'cache_write_tokens':1500}}");

        assertEquals(new TokenUsage(500, 40, 1000, 1500), translator.usage());
    }

    @Test
    void xaiReasoningOutsideCompletionTokensCountsAsOutput() {
        finishWithUsage("{'prompt_tokens':307,'completion_tokens':26,'total_tokens':560,"
                + "'completion_tokens_details':{'reasoning_tokens':227}}");

        assertEquals(new TokenUsage(307, 253, 0, 0), translator.usage());
    }

    @Test
    void openAiReasoningInsideCompletionTokensIsNotCountedTwice() {
        finishWithUsage("{'prompt_tokens':307,'completion_tokens':253,'total_tokens':560,"
                + "'completion_tokens_details':{'reasoning_tokens':227}}");

        assertEquals(new TokenUsage(307, 253, 0, 0), translator.usage());
    }

    private void finishWithUsage(String usage) {
        text("Hi");
        finish("stop");
        usage(usage);
        done();
        assertEquals(end("end_turn", translator.usage()), events.get(events.size() - 2));
        client();
    }
}
