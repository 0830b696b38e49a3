package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.server.testing.Json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ccbridge.server.testing.Json.q;
import static dev.ccbridge.server.translate.Translations.array;
import static dev.ccbridge.server.translate.Translations.messagesOf;
import static dev.ccbridge.server.translate.Translations.translate;
import static dev.ccbridge.server.translate.Translations.withMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tool_use and tool_result: assistant tool calls, tool messages directly after their calls, images and sibling
 * text moved after the tool messages, and conversations with orphans that must still be a valid OpenAI sequence
 * (every translation here is also checked by {@link ToolCallSequence}).
 */
class RequestToolResultTranslationTest {

    private static final String ASK = "{'role':'user','content':'List the files'}";
    private static final String PNG = "{'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}";

    @Test
    void toolUseBecomesToolCallsWithTheInputAsArgumentsAndNullContent() {
        JsonObject input = Json.parseObject("""
                {"command":"ls -la","timeout":5000,"nested":{"list":[1,2.5,true,null],"text":"a \\"quoted\\" wörd"}}""");
        JsonObject request = Json.parseObject("""
                {"model":"m","max_tokens":10,"messages":[%s,
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"Bash","input":%s}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"README.md"}]}]}"""
                .formatted(ASK.replace('\'', '"'), input));

        JsonArray messages = translate(request, Translations.PLAIN).body().getJsonArray("messages");

        JsonObject assistant = messages.getJsonObject(1);
        assertEquals("assistant", assistant.getString("role"));
        assertTrue(assistant.isNull("content"));
        assertEquals(1, assistant.getJsonArray("tool_calls").size());
        JsonObject call = assistant.getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("toolu_01", call.getString("id"));
        assertEquals("function", call.getString("type"));
        assertEquals("Bash", call.getJsonObject("function").getString("name"));
        assertEquals(input, Json.parseObject(call.getJsonObject("function").getString("arguments")));
        assertEquals(q("{'role':'tool','tool_call_id':'toolu_01','content':'README.md'}"), messages.getJsonObject(2));
    }

    @Test
    void assistantTextIsKeptBesideTheToolCalls() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[{'type':'text','text':'Listing.'},
                  {'type':'tool_use','id':'toolu_01','name':'Bash','input':{'command':'ls'}}]},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':'a'}]}]"""
                .formatted(ASK));

        assertEquals("Listing.", messages.getJsonObject(1).getString("content"));
    }

    @Test
    void parallelToolResultsFollowTheAssistantTurnInTheCallsOrder() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[
                  {'type':'tool_use','id':'toolu_a','name':'Bash','input':{'command':'ls'}},
                  {'type':'tool_use','id':'toolu_b','name':'Read','input':{'file_path':'/a'}},
                  {'type':'tool_use','id':'toolu_c','name':'Read','input':{'file_path':'/b'}}]},
                 {'role':'user','content':[
                  {'type':'tool_result','tool_use_id':'toolu_c','content':'c'},
                  {'type':'tool_result','tool_use_id':'toolu_a','content':'a'},
                  {'type':'tool_result','tool_use_id':'toolu_b','content':'b'}]},
                 {'role':'assistant','content':'Done.'}]""".formatted(ASK));

        assertEquals(List.of("user", "assistant", "tool:toolu_a", "tool:toolu_b", "tool:toolu_c", "assistant"),
                shape(messages));
        assertEquals("c", messages.getJsonObject(4).getString("content"));
    }

    @Test
    void toolResultContentAsBlocksIsJoinedText() {
        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':[{'type':'text','text':'line one'},
                 {'type':'text','text':''},{'type':'text','text':'line two'}]}"""));

        assertEquals("line one\nline two", messages.getJsonObject(2).getString("content"));
    }

    @Test
    void errorsAreMarkedInTheToolText() {
        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','is_error':true,
                 'content':'<tool_use_error>InputValidationError: command is missing</tool_use_error>'}"""));

        assertEquals("Error: <tool_use_error>InputValidationError: command is missing</tool_use_error>",
                messages.getJsonObject(2).getString("content"));
    }

    @Test
    void emptyResultsSayThereWasNoOutput() {
        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':''}"""));

        assertEquals("(no output)", messages.getJsonObject(2).getString("content"));
    }

    @Test
    void imagesInToolResultsMoveToAUserMessageAfterAllToolMessages() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[
                  {'type':'tool_use','id':'toolu_a','name':'Read','input':{'file_path':'/shot.png'}},
                  {'type':'tool_use','id':'toolu_b','name':'Bash','input':{'command':'ls'}}]},
                 {'role':'user','content':[
                  {'type':'tool_result','tool_use_id':'toolu_a','content':[{'type':'image','source':%s}]},
                  {'type':'tool_result','tool_use_id':'toolu_b','content':'shot.png'}]}]""".formatted(ASK, PNG));

        assertEquals(List.of("user", "assistant", "tool:toolu_a", "tool:toolu_b", "user"), shape(messages));
        assertEquals("[1 image follows in the next user message]", messages.getJsonObject(2).getString("content"));
        assertEquals(array("""
                [{'type':'text','text':'[image returned by tool call toolu_a]'},
                 {'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo='}}]"""),
                messages.getJsonObject(4).getJsonArray("content"));
    }

    @Test
    void severalImagesOfOneResultShareOneLabel() {
        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':[{'type':'image','source':%1$s},
                 {'type':'image','source':{'type':'url','url':'https://example.com/2.png'}}]}""".formatted(PNG)));

        assertEquals("[2 images follow in the next user message]", messages.getJsonObject(2).getString("content"));
        assertEquals(3, messages.getJsonObject(3).getJsonArray("content").size());
    }

    @Test
    void pdfDocumentsInToolResultsMoveToTheFollowingUserMessageAndTextDocumentsStayInTheToolText() {
        Capabilities files = Capabilities.builder().with(Feature.PDF_FILES).build();

        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':[
                 {'type':'document','title':'a.pdf','source':{'type':'base64','media_type':'application/pdf','data':'JVBE'}},
                 {'type':'document','source':{'type':'text','media_type':'text/plain','data':'plain'}}]}"""), files);

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "user"), shape(messages));
        assertEquals("plain\n[1 document follows in the next user message]",
                messages.getJsonObject(2).getString("content"));
        assertEquals(array("""
                [{'type':'text','text':'[document returned by tool call toolu_01]'},
                 {'type':'file','file':{'filename':'a.pdf','file_data':'data:application/pdf;base64,JVBE'}}]"""),
                messages.getJsonObject(3).getJsonArray("content"));
    }

    @Test
    void toolResultImagesBecomeAMarkerInTheToolTextWhenTheUpstreamTakesNoImages() {
        Capabilities textOnly = Capabilities.builder().without(Feature.IMAGES).build();

        Translation translation = translate(withMessages(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':[{'type':'text','text':'Screenshot:'},
                 {'type':'image','source':%s}]}""".formatted(PNG))), textOnly);

        JsonArray messages = translation.body().getJsonArray("messages");
        assertEquals(List.of("user", "assistant", "tool:toolu_01"), shape(messages));
        assertEquals("Screenshot:\n" + MessageTranslator.IMAGE_OMITTED, messages.getJsonObject(2).getString("content"));
        assertEquals(List.of("images replaced by a text marker: the upstream does not accept images"),
                translation.notes());
    }

    @Test
    void toolReferencesBecomeTextAndSiblingTextFollowsTheToolMessages() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[
                  {'type':'tool_use','id':'toolu_s','name':'ToolSearch','input':{'query':'select:WebFetch,WebSearch'}}]},
                 {'role':'user','content':[
                  {'type':'text','text':'(before)'},
                  {'type':'tool_result','tool_use_id':'toolu_s','content':[{'type':'tool_reference','tool_name':'WebFetch'},
                    {'type':'tool_reference','tool_name':'WebSearch'}]},
                  {'type':'text','text':'Tool loaded.','cache_control':{'type':'ephemeral'}}]}]""".formatted(ASK));

        assertEquals(List.of("user", "assistant", "tool:toolu_s", "user"), shape(messages));
        assertEquals("[tool loaded: WebFetch]\n[tool loaded: WebSearch]", messages.getJsonObject(2).getString("content"));
        assertEquals("(before)\n\nTool loaded.", messages.getJsonObject(3).getString("content"));
    }

    @Test
    void hoistedImagesComeBeforeSiblingTextInTheFollowingUserMessage() {
        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':[{'type':'image','source':%s}]},
                {'type':'text','text':'Now describe it.'}""".formatted(PNG)));

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "user"), shape(messages));
        assertEquals(array("""
                [{'type':'text','text':'[image returned by tool call toolu_01]'},
                 {'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo='}},
                 {'type':'text','text':'Now describe it.'}]"""), messages.getJsonObject(3).getJsonArray("content"));
    }

    @Test
    void aResultSeparatedFromItsCallByASystemTurnIsMovedUpToTheCall() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[{'type':'tool_use','id':'toolu_01','name':'Bash','input':{}}]},
                 {'role':'system','content':'Reminder.'},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':'ok'}]}]"""
                .formatted(ASK));

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "system"), shape(messages));
    }

    @Test
    void anOrphanResultBecomesUserTextInsteadOfAToolMessage() {
        JsonArray messages = messagesOf("""
                [{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_gone','content':'42 files'},
                  {'type':'text','text':'Continue.'}]}]""");

        assertEquals(array("""
                [{'role':'user','content':'[result of tool call toolu_gone]\\n42 files'},
                 {'role':'user','content':'Continue.'}]"""), messages);
    }

    @Test
    void anOrphanResultAfterAnUnrelatedCallDoesNotDisplaceTheRealOne() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[{'type':'tool_use','id':'toolu_01','name':'Bash','input':{}}]},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_other','content':'stray'},
                  {'type':'tool_result','tool_use_id':'toolu_01','content':'real'}]}]""".formatted(ASK));

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "user"), shape(messages));
        assertEquals("real", messages.getJsonObject(2).getString("content"));
    }

    @Test
    void aDuplicateResultBecomesUserText() {
        JsonArray messages = messagesOf(exchange("""
                {'type':'tool_result','tool_use_id':'toolu_01','content':'first'},
                {'type':'tool_result','tool_use_id':'toolu_01','content':'second'}"""));

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "user"), shape(messages));
        assertEquals("first", messages.getJsonObject(2).getString("content"));
    }

    @Test
    void anUnansweredCallGetsAPlaceholderResult() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[{'type':'tool_use','id':'toolu_01','name':'Bash','input':{}},
                  {'type':'tool_use','id':'toolu_02','name':'Bash','input':{}}]},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_02','content':'two'}]},
                 {'role':'assistant','content':[{'type':'tool_use','id':'toolu_03','name':'Bash','input':{}}]},
                 {'role':'user','content':'[Request interrupted by user]'},
                 {'role':'assistant','content':[{'type':'tool_use','id':'toolu_04','name':'Bash','input':{}}]}]"""
                .formatted(ASK));

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "tool:toolu_02", "assistant", "tool:toolu_03",
                "user", "assistant", "tool:toolu_04"), shape(messages));
        assertEquals(ToolCallPairing.MISSING_RESULT, messages.getJsonObject(2).getString("content"));
        assertEquals(ToolCallPairing.MISSING_RESULT, messages.getJsonObject(5).getString("content"));
        assertEquals(ToolCallPairing.MISSING_RESULT, messages.getJsonObject(8).getString("content"));
    }

    @Test
    void aCallRepeatedWithTheSameIdIsSentOnce() {
        JsonArray messages = messagesOf(exchangeWithCalls("""
                {'type':'tool_use','id':'toolu_01','name':'Bash','input':{'command':'ls'}},
                {'type':'tool_use','id':'toolu_01','name':'Bash','input':{'command':'ls'}}""", """
                {'type':'tool_result','tool_use_id':'toolu_01','content':'a'}"""));

        assertEquals(List.of("user", "assistant", "tool:toolu_01"), shape(messages));
        assertEquals(1, messages.getJsonObject(1).getJsonArray("tool_calls").size());
    }

    @Test
    void consecutiveAssistantTurnsWithCallsEachGetTheirResults() {
        JsonArray messages = messagesOf("""
                [%s,{'role':'assistant','content':[{'type':'tool_use','id':'toolu_01','name':'Bash','input':{}}]},
                 {'role':'assistant','content':[{'type':'tool_use','id':'toolu_02','name':'Bash','input':{}}]},
                 {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':'one'},
                  {'type':'tool_result','tool_use_id':'toolu_02','content':'two'}]}]""".formatted(ASK));

        assertEquals(List.of("user", "assistant", "tool:toolu_01", "assistant", "tool:toolu_02", "user"),
                shape(messages));
        assertEquals(ToolCallPairing.MISSING_RESULT, messages.getJsonObject(2).getString("content"));
        assertEquals("[result of tool call toolu_01]\none", messages.getJsonObject(5).getString("content"));
    }

    private static String exchange(String resultBlocks) {
        return exchangeWithCalls("{'type':'tool_use','id':'toolu_01','name':'Bash','input':{'command':'ls'}}",
                resultBlocks);
    }

    private static String exchangeWithCalls(String callBlocks, String resultBlocks) {
        return "[" + ASK + ",{'role':'assistant','content':[" + callBlocks + "]},{'role':'user','content':["
                + resultBlocks + "]}]";
    }

    /** Roles in order, tool messages with the call they answer. */
    private static List<String> shape(JsonArray messages) {
        return messages.stream().map(JsonObject.class::cast)
                .map(m -> m.getString("role").equals("tool") ? "tool:" + m.getString("tool_call_id")
                        : m.getString("role"))
                .toList();
    }
}
