package dev.ccbridge.server.anthropic;

import dev.ccbridge.server.testing.Json;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.server.testing.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Valid Messages requests of every shape parse into the request model, keeping what the translation needs. */
class MessagesRequestReaderTest {

    private static final int DEFAULT_MAX_TOKENS = 4096;

    @Test
    void minimalRequestUsesDefaultsForEverythingOptional() {
        MessagesRequest request = read("{'model':'claude-sonnet-4-5','messages':[{'role':'user','content':'Hi'}]}");

        assertEquals("claude-sonnet-4-5", request.model());
        assertEquals(DEFAULT_MAX_TOKENS, request.maxTokens());
        assertEquals(List.of(), request.system());
        assertEquals(List.of(), request.tools());
        assertNull(request.toolChoice());
        assertNull(request.thinking());
        assertNull(request.effort());
        assertNull(request.outputFormat());
        assertEquals(List.of(), request.stopSequences());
        assertNull(request.temperature());
        assertNull(request.topP());
        assertNull(request.topK());
        assertFalse(request.stream());
        assertNull(request.userId());
        assertEquals(List.of(), request.ignoredFields());
    }

    @Test
    void stringContentIsOneTextBlock() {
        MessagesRequest request = read("{'model':'m','max_tokens':10,'messages':[{'role':'user','content':'Hello'}]}");

        assertEquals(List.of(new Message(Role.USER, List.of(new ContentBlock.Text("Hello")))), request.messages());
        assertEquals(10, request.maxTokens());
    }

    @Test
    void blockContentKeepsEveryBlockInOrder() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':[
                  {'type':'text','text':'one','cache_control':{'type':'ephemeral'}},
                  {'type':'text','text':'two'}]}]}""");

        assertEquals(List.of(new ContentBlock.Text("one"), new ContentBlock.Text("two")),
                request.messages().getFirst().content());
    }

    @Test
    void systemAsStringIsOneBlock() {
        MessagesRequest request = read("{'model':'m','system':'Be brief.','messages':[{'role':'user','content':'Hi'}]}");

        assertEquals(List.of(new ContentBlock.Text("Be brief.")), request.system());
    }

    @Test
    void systemAsBlocksKeepsTextBlocksInOrder() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'}],'system':[
                  {'type':'text','text':'x-anthropic-billing-header: cc_version=2.1.329.a19;'},
                  {'type':'text','text':'You are Claude Code.','cache_control':{'type':'ephemeral'}}]}""");

        assertEquals(List.of(new ContentBlock.Text("x-anthropic-billing-header: cc_version=2.1.329.a19;"),
                new ContentBlock.Text("You are Claude Code.")), request.system());
    }

    @Test
    void systemRoleMessagesInsideMessagesAreKeptInPlace() {
        MessagesRequest request = read("""
                {'model':'m','messages':[
                  {'role':'user','content':'Hi'},
                  {'role':'system','content':'# Environment'},
                  {'role':'assistant','content':'Hello'},
                  {'role':'system','content':[{'type':'text','text':'later','cache_control':{'type':'ephemeral'}}]}]}""");

        assertEquals(List.of(Role.USER, Role.SYSTEM, Role.ASSISTANT, Role.SYSTEM),
                request.messages().stream().map(Message::role).toList());
        assertEquals(List.of(new ContentBlock.Text("# Environment")), request.messages().get(1).content());
        assertEquals(List.of(new ContentBlock.Text("later")), request.messages().get(3).content());
    }

    @Test
    void imageSourcesBase64AndUrl() {
        List<ContentBlock> blocks = userBlocks("""
                {'type':'image','source':{'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}},
                {'type':'image','source':{'type':'url','url':'https://example.com/cat.jpg'}},
                {'type':'image','source':{'type':'file','file_id':'file_123'}}""");

        assertEquals(List.of(
                new ContentBlock.Image(new MediaSource.Base64("image/png", "iVBORw0KGgo=")),
                new ContentBlock.Image(new MediaSource.Url("https://example.com/cat.jpg")),
                new ContentBlock.Image(new MediaSource.Unknown("file"))), blocks);
    }

    @Test
    void documentSourcesOfEveryKind() {
        List<ContentBlock> blocks = userBlocks("""
                {'type':'document','title':'spec.pdf','context':'the spec',
                 'source':{'type':'base64','media_type':'application/pdf','data':'JVBERi0x'}},
                {'type':'document','source':{'type':'text','media_type':'text/plain','data':'plain words'}},
                {'type':'document','source':{'type':'content','content':[{'type':'text','text':'chunk'}]}},
                {'type':'document','source':{'type':'content','content':'as a string'}},
                {'type':'document','source':{'type':'url','url':'https://example.com/a.pdf'}},
                {'type':'document','source':{'type':'file','file_id':'file_1'}}""");

        assertEquals(List.of(
                new ContentBlock.Document(new MediaSource.Base64("application/pdf", "JVBERi0x"), "spec.pdf", "the spec"),
                new ContentBlock.Document(new MediaSource.PlainText("plain words"), null, null),
                new ContentBlock.Document(new MediaSource.Blocks(List.of(new ContentBlock.Text("chunk"))), null, null),
                new ContentBlock.Document(new MediaSource.Blocks(List.of(new ContentBlock.Text("as a string"))), null,
                        null),
                new ContentBlock.Document(new MediaSource.Url("https://example.com/a.pdf"), null, null),
                new ContentBlock.Document(new MediaSource.Unknown("file"), null, null)), blocks);
    }

    @Test
    void assistantBlocksThinkingRedactedThinkingAndToolUse() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'},{'role':'assistant','content':[
                  {'type':'thinking','thinking':'Let me see.','signature':'sig-abc'},
                  {'type':'thinking','thinking':'unsigned'},
                  {'type':'redacted_thinking','data':'EuYBCkQYAiJA'},
                  {'type':'text','text':'Running it.'},
                  {'type':'tool_use','id':'toolu_01','name':'Bash','input':{'command':'ls -la','timeout':5}},
                  {'type':'tool_use','id':'toolu_02','name':'Noop'}]}]}""");

        List<ContentBlock> blocks = request.messages().get(1).content();
        assertEquals(new ContentBlock.Thinking("Let me see.", "sig-abc"), blocks.get(0));
        assertEquals(new ContentBlock.Thinking("unsigned", null), blocks.get(1));
        assertInstanceOf(ContentBlock.RedactedThinking.class, blocks.get(2));
        assertEquals(new ContentBlock.Text("Running it."), blocks.get(3));
        assertEquals(new ContentBlock.ToolUse("toolu_01", "Bash", q("{'command':'ls -la','timeout':5}")), blocks.get(4));
        assertEquals(new ContentBlock.ToolUse("toolu_02", "Noop", q("{}")), blocks.get(5));
    }

    @Test
    void toolResultContentAsStringAsBlocksOrAbsent() {
        List<ContentBlock> blocks = userBlocks("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':'hello','is_error':false},
                {'type':'tool_result','tool_use_id':'toolu_02','content':[
                  {'type':'text','text':'page 1'},
                  {'type':'image','source':{'type':'base64','media_type':'image/png','data':'AAAA'}},
                  {'type':'tool_reference','tool_name':'WebFetch'}]},
                {'type':'tool_result','tool_use_id':'toolu_03','is_error':true,'content':'denied'},
                {'type':'tool_result','tool_use_id':'toolu_04'}""");

        assertEquals(List.of(
                new ContentBlock.ToolResult("toolu_01", List.of(new ContentBlock.Text("hello")), false),
                new ContentBlock.ToolResult("toolu_02", List.of(
                        new ContentBlock.Text("page 1"),
                        new ContentBlock.Image(new MediaSource.Base64("image/png", "AAAA")),
                        new ContentBlock.ToolReference("WebFetch")), false),
                new ContentBlock.ToolResult("toolu_03", List.of(new ContentBlock.Text("denied")), true),
                new ContentBlock.ToolResult("toolu_04", List.of(), false)), blocks);
    }

    @Test
    void toolReferenceBlock() {
        assertEquals(List.of(new ContentBlock.ToolReference("WebFetch")),
                userBlocks("{'type':'tool_reference','tool_name':'WebFetch'}"));
    }

    @Test
    void unknownBlockTypesAreKeptAsUnknownWithTheirRawJson() {
        List<ContentBlock> blocks = userBlocks("""
                {'type':'search_result','source':'https://x','title':'t','content':[]},
                {'type':'mid_conv_system','text':'x'}""");

        assertEquals(new ContentBlock.Unknown("search_result",
                q("{'type':'search_result','source':'https://x','title':'t','content':[]}")), blocks.get(0));
        assertEquals("mid_conv_system", ((ContentBlock.Unknown) blocks.get(1)).type());
    }

    @Test
    void unknownTopLevelFieldsAreListedAsIgnored() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'}],
                 'context_management':{'edits':[{'type':'clear_thinking_20251015','keep':'all'}]},
                 'safeguards':[],'service_tier':'auto','cache_control':{'type':'ephemeral'},'speed':'fast'}""");

        assertEquals(List.of("context_management", "safeguards", "service_tier", "cache_control", "speed"),
                request.ignoredFields());
    }

    @Test
    void customToolsKeepSchemaDescriptionAndDeferLoading() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'}],'tools':[
                  {'name':'Bash','description':'Run a command','input_schema':{'type':'object',
                    'properties':{'command':{'type':'string'}},'required':['command']},'cache_control':{'type':'ephemeral'}},
                  {'type':'custom','name':'Read','input_schema':{'type':'object'}},
                  {'name':'DeferredToolPlaceholder','input_schema':{'type':'object','properties':{}},'defer_loading':true},
                  {'name':'NoSchema'}]}""");

        assertEquals(List.of(
                new Tool.Custom("Bash", "Run a command", q("""
                        {'type':'object','properties':{'command':{'type':'string'}},'required':['command']}"""), false),
                new Tool.Custom("Read", null, q("{'type':'object'}"), false),
                new Tool.Custom("DeferredToolPlaceholder", null, q("{'type':'object','properties':{}}"), true),
                new Tool.Custom("NoSchema", null, q("{}"), false)), request.tools());
    }

    @Test
    void serverToolsAreReadAsServerTools() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'}],'tools':[
                  {'type':'web_search_20250305','name':'web_search','max_uses':8},
                  {'type':'code_execution_20250825','name':'code_execution'}]}""");

        assertEquals(List.of(new Tool.Server("web_search_20250305", "web_search"),
                new Tool.Server("code_execution_20250825", "code_execution")), request.tools());
    }

    @Test
    void everyToolChoice() {
        assertEquals(new ToolChoice.Auto(false), toolChoice("{'type':'auto'}"));
        assertEquals(new ToolChoice.Auto(true), toolChoice("{'type':'auto','disable_parallel_tool_use':true}"));
        assertEquals(new ToolChoice.Any(false), toolChoice("{'type':'any'}"));
        assertEquals(new ToolChoice.Named("Bash", true),
                toolChoice("{'type':'tool','name':'Bash','disable_parallel_tool_use':true}"));
        assertEquals(new ToolChoice.None(), toolChoice("{'type':'none'}"));
        assertNull(toolChoice("{'type':'some_future_choice'}"));
    }

    @Test
    void everyThinkingConfig() {
        assertEquals(new ThinkingConfig.Enabled(31999),
                thinking("{'type':'enabled','budget_tokens':31999,'display':'omitted'}"));
        assertEquals(new ThinkingConfig.Adaptive(), thinking("{'type':'adaptive','display':'updates'}"));
        assertEquals(new ThinkingConfig.Disabled(), thinking("{'type':'disabled'}"));
        assertNull(thinking("{'type':'some_future_mode'}"));
    }

    @Test
    void outputConfigEffortAndFormat() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'}],'output_config':{'effort':'medium',
                 'format':{'type':'json_schema','schema':{'type':'object','properties':{'title':{'type':'string'}}}}}}""");

        assertEquals("medium", request.effort());
        assertEquals(q("{'type':'json_schema','schema':{'type':'object','properties':{'title':{'type':'string'}}}}"),
                request.outputFormat());
    }

    @Test
    void samplingStopsStreamAndMetadata() {
        MessagesRequest request = MessagesRequestReader.read(Json.parseObject("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":128000,"temperature":0.5,
                 "top_p":0.9,"top_k":40,"stop_sequences":["END","STOP"],"stream":true,
                 "metadata":{"user_id":"{\\"session_id\\":\\"abc\\"}"}}"""), DEFAULT_MAX_TOKENS);

        assertEquals(128000, request.maxTokens());
        assertEquals(0.5, request.temperature());
        assertEquals(0.9, request.topP());
        assertEquals(40, request.topK());
        assertEquals(List.of("END", "STOP"), request.stopSequences());
        assertTrue(request.stream());
        assertEquals("{\"session_id\":\"abc\"}", request.userId());
    }

    @Test
    void maxTokensZeroIsAccepted() {
        assertEquals(0, read("{'model':'m','max_tokens':0,'messages':[{'role':'user','content':'Hi'}]}").maxTokens());
    }

    @Test
    void nullOptionalFieldsReadAsAbsent() {
        MessagesRequest request = read("""
                {'model':'m','messages':[{'role':'user','content':'Hi'}],'system':null,'tools':null,'tool_choice':null,
                 'thinking':null,'temperature':null,'stream':null,'metadata':null,'stop_sequences':null}""");

        assertEquals(List.of(), request.system());
        assertEquals(List.of(), request.tools());
        assertNull(request.toolChoice());
        assertNull(request.thinking());
        assertNull(request.temperature());
        assertFalse(request.stream());
        assertNull(request.userId());
    }

    private static MessagesRequest read(String singleQuoted) {
        return MessagesRequestReader.read(q(singleQuoted), DEFAULT_MAX_TOKENS);
    }

    private static List<ContentBlock> userBlocks(String blocks) {
        return read("{'model':'m','messages':[{'role':'user','content':[" + blocks + "]}]}")
                .messages().getFirst().content();
    }

    private static ToolChoice toolChoice(String choice) {
        return read("{'model':'m','messages':[{'role':'user','content':'Hi'}],'tools':[{'name':'Bash',"
                + "'input_schema':{'type':'object'}}],'tool_choice':" + choice + "}").toolChoice();
    }

    private static ThinkingConfig thinking(String thinking) {
        return read("{'model':'m','messages':[{'role':'user','content':'Hi'}],'thinking':" + thinking + "}")
                .thinking();
    }
}
